package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.Mat;

/**
 * How a Gauss-Newton-family method turns a batch into a direction: {@link #prepare}
 * forms the batch-space Gram once per step, then {@link Prepared#direction} solves
 * for any λ cheaply (LM re-solves with a new λ without re-forming anything).
 */
interface Direction {

    /**
     * θ and the batch's forward state at θ; grad is the batch gradient ∇L, or null when
     * {@link #batchSpaceGradient} and the caller needs no gradient vector.
     */
    Prepared prepare(StepInputs in, Mat grad);

    /**
     * Whether the prepared direction gives ∇Lᵀd and ‖∇L‖² in batch space, so that a step
     * that needs nothing more of ∇L (no momentum) can skip the gradient's backward pass.
     */
    default boolean batchSpaceGradient() {
        return false;
    }

    interface Prepared {
        /** d ← the method's direction for damping λ. */
        void direction(double lambda, Mat d);

        /** dᵀ H d for the method's curvature matrix H (for the adaptive-λ ratio). */
        double curvature(Mat d);

        /** ∇Lᵀd for the d of the last {@link #direction} call; only where {@link #batchSpaceGradient}. */
        default double slope() {
            throw new UnsupportedOperationException("this direction needs ∇L as a vector");
        }

        /** ‖∇L‖²; only where {@link #batchSpaceGradient}. */
        default double gradientSquaredNorm() {
            throw new UnsupportedOperationException("this direction needs ∇L as a vector");
        }
    }
}
