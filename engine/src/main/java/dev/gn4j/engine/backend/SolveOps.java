package dev.gn4j.engine.backend;

/**
 * Dense linear algebra on square matrices: the damping shift, the trace, Cholesky and LU.
 * LAPACK through OpenBLAS on the CPU, cuSOLVER on the GPU ({@code add_diagonal} and
 * {@code trace} are {@code kernels/elementwise.cu}). The ladder that decides what to do when
 * a factorization fails is {@code curvature.SpdSolver}, above this interface.
 *
 * <p>One kernel family of {@link Backend}; all matrices are column-major and live in the
 * backend's memory.
 */
public interface SolveOps {

    void addDiagonal(Mat a, double value);

    double trace(Mat a);

    /** In-place lower Cholesky factor of a symmetric matrix; returns LAPACK's info (0 = success). */
    int cholesky(Mat a);

    /** b ← A⁻¹ b from the factor of {@link #cholesky}. */
    void choleskySolve(Mat factor, Mat b);

    /** Solves A x = b by LU with partial pivoting, in place (A is overwritten, b becomes x); returns info. */
    int luSolve(Mat a, Mat b);
}
