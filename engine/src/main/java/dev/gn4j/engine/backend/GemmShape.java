package dev.gn4j.engine.backend;

/** The m × n × k of C ← α op(A) op(B) + β C, checked once for every backend. */
public record GemmShape(int m, int n, int k) {

    public static GemmShape of(boolean transA, boolean transB, Mat a, Mat b, Mat c) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw new ShapeMismatch("gemm: shapes " + a.rows() + "x" + a.cols() + (transA ? "ᵀ" : "") + " · "
                    + b.rows() + "x" + b.cols() + (transB ? "ᵀ" : "") + " → " + c.rows() + "x" + c.cols());
        }
        return new GemmShape(m, n, k);
    }
}
