package dev.gn4j.engine.backend;

/**
 * The batch-space kernels of the curvature rows U (see {@code curvature.CurvatureRows}): the
 * Hadamard step of the factored Gram, the seeds, U w and Uᵀ v row by row, and the explicit
 * Jacobian block. On the GPU, {@code kernels/gram.cu} ({@code GramLaunchers}); on the CPU,
 * {@code GramKernels} and {@code LayerKernels}.
 *
 * <p>"Rows per sample" ({@code rps}) is this family's own parameter: the rows U of a batch
 * of b samples have m = b·rps rows, row r belonging to sample r / rps (rps = c for
 * Jacobian rows, 1 for per-sample gradients).
 *
 * <p>One kernel family of {@link Backend}; all matrices are column-major and live in the
 * backend's memory.
 */
public interface GramOps {

    /**
     * k[r, s] += s2[r, s] · (aa[r/rps, s/rps] + 1) for r ≥ s, the Hadamard step of the
     * factored Gram on the lower triangle (s2 and aa need only their lower triangles).
     */
    void gramAccumulate(Mat s2, Mat aa, int rps, Mat k);

    /** Copies the strict lower triangle of a square matrix onto its upper triangle. */
    void symmetrize(Mat c);

    /** out ((b·c)×c) ← the identity block repeated: row i·c + k is e_k. */
    void identityRows(Mat out);

    /** out_i ← Σ_{r ∈ sample i} v_r · seed_r (rows), out is b×c. */
    void contractRows(Mat seed, Mat v, int rps, Mat out);

    /** out_r ← seed_r · x_{r/rps}, out is m×1. */
    void rowDot(Mat seed, Mat x, int rps, Mat out);

    /**
     * The explicit Jacobian block of one dense layer: for row r (sample i = r/rps),
     * out[r, j + d·k] = g[r, j]·a[i, k] (weights, column-major [d × e]) and
     * out[r, d·e + j] = g[r, j] (bias). out is m × (d·e + d).
     */
    void outerRows(Mat g, Mat a, int rps, Mat out);
}
