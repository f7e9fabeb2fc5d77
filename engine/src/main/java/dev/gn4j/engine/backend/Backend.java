package dev.gn4j.engine.backend;

/**
 * The numerical machine gn4j runs on. Model and optimizer code is written against
 * this interface once; the CPU backend (OpenBLAS) and the CUDA backend (cuBLAS,
 * cuSOLVER, PTX kernels) implement it. All matrices are column-major and live in
 * the backend's memory; only scalars (losses, dot products, factorization info)
 * and explicit transfers cross to the host.
 *
 * <p>"Rows per sample" ({@code rps}) appears in the batch-space operations: the
 * curvature rows U of a batch of b samples have m = b·rps rows, row r belonging to
 * sample r / rps (rps = c for Jacobian rows, 1 for per-sample gradients).
 */
public interface Backend extends AutoCloseable {

    String name();

    /** What this backend runs on, for run provenance: the BLAS and threads, or the GPU, driver and CUDA versions. */
    default String description() {
        return name();
    }

    /**
     * Waits until every operation queued so far has finished. Backends that queue work
     * asynchronously (the CUDA stream) override it; the default is for backends whose
     * calls return when the work is done. Used where a host clock must see the device's
     * work, such as phase timing in {@code gn4j bench}; never needed for correctness.
     */
    default void synchronize() {
    }

    // ---- memory and transfers ----

    /** A new zero-filled matrix. */
    Mat zeros(int rows, int cols, DType dtype);

    /** Copies host data (column-major, length rows·cols) into {@code dst}. */
    void upload(double[] src, Mat dst);

    /** Copies {@code src} to the host, column-major. */
    double[] download(Mat src);

    /** dst ← src, converting the element type if they differ. Shapes must hold as many elements. */
    void copy(Mat src, Mat dst);

    void fill(Mat m, double value);

    // ---- BLAS ----

    /** C ← α op(A) op(B) + β C. */
    void gemm(boolean transA, boolean transB, double alpha, Mat a, Mat b, double beta, Mat c);

    /** C ← α A Aᵀ + β C on the lower triangle of C (n×n); the strict upper triangle is left as it was. */
    void syrk(double alpha, Mat a, double beta, Mat c);

    /**
     * y ← α A x + β y for a symmetric n×n A of which only the lower triangle (with the
     * diagonal) is read, as {@link #syrk} leaves it; x and y are n-vectors of A's dtype.
     */
    void symv(double alpha, Mat a, Mat x, double beta, Mat y);

    /** Copies the strict lower triangle of a square matrix onto its upper triangle. */
    void symmetrize(Mat c);

    /** y ← α x + y. */
    void axpy(double alpha, Mat x, Mat y);

    /** x ← α x. */
    void scal(double alpha, Mat x);

    double dot(Mat x, Mat y);

    /** Σ x² (the square of NRM2). */
    double sumSquares(Mat x);

    // ---- elementwise and structured kernels ----

    /** a ← σ(z). */
    void activation(Activation f, Mat z, Mat a);

    /**
     * out ← g ∘ σ'(z), where z and a = σ(z) are b×d and g, out are (b·rps)×d: each
     * sample's row of z is used for its rps rows of g. out may alias g.
     */
    void activationGrad(Activation f, Mat z, Mat a, Mat g, int rps, Mat out);

    /** m[i, j] += bias[j]. */
    void addBias(Mat m, Mat bias);

    /** out[j] ← α Σ_i m[i, j] + β out[j]. */
    void columnSums(double alpha, Mat m, double beta, Mat out);

    /** g ← f − y; returns ½ Σ g². */
    double mseResidual(Mat f, Mat y, Mat g);

    /**
     * p ← softmax(f) row by row, g ← p − onehot(labels); returns Σ_i −log p_i[y_i]
     * computed with log-sum-exp. labels is b×1 holding class indices.
     */
    double softmaxCrossEntropy(Mat f, Mat labels, Mat p, Mat g);

    /** Number of rows whose arg-max of f equals the label. */
    long countCorrect(Mat f, Mat labels);

    /**
     * The ce Q-factor with c − 1 rows per sample: rows i·(c−1)..i·(c−1)+c−2 of {@code out}
     * ((b·(c−1))×c) hold B_i = V diag(s), s = √p_i, where V is the first c − 1 rows of the
     * Householder reflection I − v vᵀ/(1 + s_{c−1}), v = s + e_{c−1}: rows orthonormal and
     * orthogonal to s, so B_iᵀ B_i = diag(s)(I − s sᵀ)diag(s) = diag(p_i) − p_i p_iᵀ with
     * one row fewer than (I − s sᵀ) diag(s), whose rank is c − 1 too. The denominator is at least 1.
     */
    void softmaxQFactor(Mat p, Mat out);

    /** out ((b·c)×c) ← the identity block repeated: row i·c + k is e_k. */
    void identityRows(Mat out);

    /** Sampled labels for the Fisher: label_i = the first k with u_i < Σ_{j≤k} p_ij. */
    void sampleCategorical(Mat p, Mat uniforms, Mat labelsOut);

    /**
     * k[r, s] += s2[r, s] · (aa[r/rps, s/rps] + 1) for r ≥ s, the Hadamard step of the
     * factored Gram on the lower triangle (s2 and aa need only their lower triangles).
     */
    void gramAccumulate(Mat s2, Mat aa, int rps, Mat k);

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

    /** PyTorch Adam (L2 weight decay on the gradient), t counted from 1. */
    void adamUpdate(Mat param, Mat grad, Mat m, Mat v, double lr, double beta1, double beta2, double eps,
                    double weightDecay, long t);

    // ---- dense linear algebra ----

    void addDiagonal(Mat a, double value);

    double trace(Mat a);

    /** In-place lower Cholesky factor of a symmetric matrix; returns LAPACK's info (0 = success). */
    int cholesky(Mat a);

    /** b ← A⁻¹ b from the factor of {@link #cholesky}. */
    void choleskySolve(Mat factor, Mat b);

    /** Solves A x = b by LU with partial pivoting, in place (A is overwritten, b becomes x); returns info. */
    int luSolve(Mat a, Mat b);

    @Override
    void close();
}
