package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.curvature.DampedSolve;

/**
 * How a Gauss-Newton-family method turns a batch into its batch-space system: which rows,
 * over which samples, in which solve form ({@link dev.gn4j.engine.curvature.KernelSolve} or
 * {@link dev.gn4j.engine.curvature.WoodburySolve}); {@link #prepare} forms it once a step.
 */
interface Direction {

    /**
     * θ and the batch's forward state at θ; grad is the batch gradient ∇L, or null when
     * {@link #batchSpaceGradient} and the caller needs no gradient vector.
     */
    DampedSolve prepare(StepInputs in, Mat grad);

    /**
     * Whether the prepared direction gives ∇Lᵀd and ‖∇L‖² in batch space, so that a step
     * that needs nothing more of ∇L (no momentum) can skip the gradient's backward pass.
     */
    default boolean batchSpaceGradient() {
        return false;
    }

    /** --solver auto's memory of its turns from CG to K: optimizer state, so the checkpoint carries it. */
    default dev.gn4j.engine.curvature.DirectTurns directTurns() {
        return null;
    }
}
