package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;

/** One optimizer: a step updates θ in place. */
public interface Optimizer {
    String name();

    StepReport step(StepInputs in);

    /** The state carried between steps, copied to the host (for checkpoints). */
    OptimizerState save(Backend be);

    /** Continues from a saved state; θ gives the size and dtype of the buffers. */
    void restore(OptimizerState state, Backend be, Mat theta);
}
