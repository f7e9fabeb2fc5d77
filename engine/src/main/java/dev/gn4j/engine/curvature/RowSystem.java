package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Mat;

/**
 * The batch-space system (K + σI) t = y over the rows U (m × P) of one step, K = U Uᵀ, however it
 * is solved: K formed and factored ({@link FactoredSystem}) or matrix-free ({@link ConjugateGradient}).
 * Vectors are m × 1 in the working dtype.
 */
public interface RowSystem {
    /** rhs ← (K + shift·I)⁻¹ rhs. */
    void solve(double shift, Mat rhs);

    /** xᵀ K y. */
    double quadraticForm(Mat x, Mat y);

    /** Whether the last solve met its tolerance (a direct solve always does). */
    default boolean converged() {
        return true;
    }

    /** Iterations the last solve took (0 for a direct solve). */
    default int iterations() {
        return 0;
    }

    /** ‖(K + σI)t − y‖ / ‖y‖ after the last solve (NaN for a direct solve). */
    default double relativeResidual() {
        return Double.NaN;
    }
}
