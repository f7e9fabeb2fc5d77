package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Mat;

/**
 * One step's batch-space system, formed once and solved for any damping λ (LM solves again
 * with a new λ without forming anything). Its two forms are {@link KernelSolve} and
 * {@link WoodburySolve} over a {@link RowSystem}, or either through {@link ParameterSpaceSolve}.
 */
public interface DampedSolve {
    /** d ← the method's direction for damping λ. */
    void direction(double lambda, Mat d);

    /** dᵀ H d for the method's curvature matrix H (for the adaptive-λ ratio). */
    double curvature(Mat d);

    /** ∇Lᵀd for the d of the last {@link #direction} call; only for a direction whose {@code batchSpaceGradient()} is true. */
    default double slope() {
        throw new UnsupportedOperationException("this direction needs ∇L as a vector");
    }

    /** ‖∇L‖²; only for a direction whose {@code batchSpaceGradient()} is true. */
    default double gradientSquaredNorm() {
        throw new UnsupportedOperationException("this direction needs ∇L as a vector");
    }

    /** Iterations of the last solve: conjugate gradients' count, 0 for a direct solve. */
    default int iterations() {
        return 0;
    }

    /** Whether the last solve met its tolerance (a direct solve always does). */
    default boolean converged() {
        return true;
    }

    /** The last solve's relative residual (conjugate gradients'); NaN for a direct solve. */
    default double relativeResidual() {
        return Double.NaN;
    }
}
