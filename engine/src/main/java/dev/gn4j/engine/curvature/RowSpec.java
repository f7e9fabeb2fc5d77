package dev.gn4j.engine.curvature;

import dev.gn4j.engine.model.Loss;

/**
 * Which rows U a method's curvature is built from. Every row is a seed applied to the output
 * Jacobian of its sample ({@link CurvatureRows}); the three families of MATH.md differ only in
 * the seed, so these specs are all a method needs to say.
 */
public sealed interface RowSpec {
    /** Rows each sample contributes, for a model with the given outputs under the given loss. */
    int rowsPerSample(Loss loss, int outputs);

    /** The Jacobian rows J: identity seed blocks, c a sample (EGN and GGN with mse: Q = I). */
    record Jacobian() implements RowSpec {
        @Override
        public int rowsPerSample(Loss loss, int outputs) {
            return outputs;
        }
    }

    /**
     * The Gauss-Newton factor B·J with BᵀB the loss Hessian in the outputs, so UᵀU = Jᵀ H_ℓ J.
     * For ce B is the Q-factor of diag(p) − ppᵀ, rank c − 1, so c − 1 rows a sample; for mse B = I
     * and the rows are J.
     */
    record GaussNewtonFactor() implements RowSpec {
        @Override
        public int rowsPerSample(Loss loss, int outputs) {
            return loss == Loss.CE ? outputs - 1 : outputs;
        }
    }

    /** The per-sample gradients J_iᵀ g_i, one row a sample: with the true labels or with labels drawn from the model. */
    record SampleGradients(FisherKind labels) implements RowSpec {
        public SampleGradients {
            if (labels == null) {
                throw new IllegalArgumentException("the per-sample gradient rows need a Fisher kind");
            }
        }

        @Override
        public int rowsPerSample(Loss loss, int outputs) {
            return 1;
        }
    }
}
