package dev.gn4j.engine.optim.control;

import dev.gn4j.engine.backend.Mat;

/** L(θ + α·dir) on the batch, with +∞ for NaN: what a step control asks of the objective. */
@FunctionalInterface
public interface TrialLoss {
    double at(Mat dir, double alpha);
}
