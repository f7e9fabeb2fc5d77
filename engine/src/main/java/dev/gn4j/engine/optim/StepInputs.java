package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.model.Activations;
import java.util.SplittableRandom;

/**
 * What one optimizer step sees: the parameters (updated in place), the batch
 * uploaded to the device, the curvature subsample (the batch's first n₂ samples,
 * or the batch itself), a full-data gradient for the semi-stochastic variants,
 * the step count t (from 1) and a random stream for sampled-label Fisher.
 */
public record StepInputs(Objective objective, Mat theta, Activations batch, Activations curvatureBatch,
                         FullGradient fullGradient, long step, SplittableRandom random) {

    /** ∇L over the whole training set (semi-stochastic SMW methods). */
    @FunctionalInterface
    public interface FullGradient {
        /** Writes the full-data mean gradient into out and returns the full-data loss. */
        double compute(Mat theta, Mat out);
    }
}
