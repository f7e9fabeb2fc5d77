package dev.gn4j.engine.backend;

/**
 * The BLAS of gn4j: OpenBLAS on the CPU, cuBLAS on the GPU, except the float32 dot
 * products, which accumulate in double on both ({@code VectorKernels.dotF32};
 * {@code dot_f32} in {@code kernels/elementwise.cu}), so that a reduction rounds once.
 *
 * <p>One kernel family of {@link Backend}; all matrices are column-major and live in the
 * backend's memory.
 */
public interface BlasOps {

    /** C ← α op(A) op(B) + β C. */
    void gemm(boolean transA, boolean transB, double alpha, Mat a, Mat b, double beta, Mat c);

    /** C ← α A Aᵀ + β C on the lower triangle of C (n×n); the strict upper triangle is left as it was. */
    void syrk(double alpha, Mat a, double beta, Mat c);

    /**
     * y ← α A x + β y for a symmetric n×n A of which only the lower triangle (with the
     * diagonal) is read, as {@link #syrk} leaves it; x and y are n-vectors of A's dtype.
     */
    void symv(double alpha, Mat a, Mat x, double beta, Mat y);

    /** y ← α x + y. */
    void axpy(double alpha, Mat x, Mat y);

    /** x ← α x. */
    void scal(double alpha, Mat x);

    double dot(Mat x, Mat y);

    /** Σ x² (the square of NRM2). */
    double sumSquares(Mat x);
}
