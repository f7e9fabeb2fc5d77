package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.Mat;

/**
 * How a Gauss-Newton-family method turns a batch into a direction: {@link #prepare}
 * forms the batch-space Gram once per step, then {@link Prepared#direction} solves
 * for any λ cheaply (LM re-solves with a new λ without re-forming anything).
 */
interface Direction {

    /** θ and the batch's forward state at θ; grad is the batch gradient ∇L. */
    Prepared prepare(StepInputs in, Mat grad);

    interface Prepared {
        /** d ← the method's direction for damping λ. */
        void direction(double lambda, Mat d);

        /** dᵀ H d for the method's curvature matrix H (for the adaptive-λ ratio). */
        double curvature(Mat d);
    }
}
