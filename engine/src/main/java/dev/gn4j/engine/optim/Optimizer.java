package dev.gn4j.engine.optim;

/** One optimizer: a step updates θ in place. */
public interface Optimizer {
    String name();

    StepReport step(StepInputs in);
}
