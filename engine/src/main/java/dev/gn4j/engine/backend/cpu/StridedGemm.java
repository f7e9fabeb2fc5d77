package dev.gn4j.engine.backend.cpu;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasTrans;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * The CPU's strided-batched GEMM (cuBLAS's cublas?gemmStridedBatched): C_t ← α op(A_t) op(B_t)
 * + β C_t for t = 0..count−1, A_t at {@code a + t·strideA} with leading dimension lda, and
 * so on, all in one storage's dtype. OpenBLAS has no batched entry point in the bytedeco
 * preset, so this is a loop of cblas calls on offset pointers; the operands need not be
 * whole {@link CpuMat}s, which is the point (a sample's block of a matrix whose leading
 * dimension is the whole batch's). One call runs on the calling thread; callers that want
 * both cores split their batches into {@link Parallel} parts, each output belonging to one
 * part, so results do not depend on the threads.
 */
record StridedGemm(boolean transA, boolean transB, int m, int n, int k,
        int lda, long strideA, int ldb, long strideB, int ldc, long strideC) {

    StridedGemm {
        if (m < 0 || n < 0 || k < 0 || lda < Math.max(1, transA ? k : m) || ldb < Math.max(1, transB ? n : k)
                || ldc < Math.max(1, m) || strideA < 0 || strideB < 0 || strideC < 0) {
            throw new IllegalArgumentException("strided GEMM: " + m + "x" + n + "x" + k + " with leading dimensions "
                    + lda + ", " + ldb + ", " + ldc + " and strides " + strideA + ", " + strideB + ", " + strideC);
        }
    }

    /** Batch members {@code from..to−1}, A, B and C starting at element offsets a, b, c of their storages. */
    void run(double alpha, CpuStorage as, long a, CpuStorage bs, long b, double beta, CpuStorage cs, long c, int from, int to) {
        if (as.dtype() != bs.dtype() || as.dtype() != cs.dtype()) {
            throw new IllegalArgumentException("strided GEMM: operands of different dtypes");
        }
        int ta = transA ? CblasTrans : CblasNoTrans, tb = transB ? CblasTrans : CblasNoTrans;
        for (int t = from; t < to; t++) {
            if (as instanceof CpuStorage.F64) {
                openblas.cblas_dgemm(CblasColMajor, ta, tb, m, n, k, alpha, (DoublePointer) as.at(a + t * strideA), lda,
                        (DoublePointer) bs.at(b + t * strideB), ldb, beta, (DoublePointer) cs.at(c + t * strideC), ldc);
            } else {
                openblas.cblas_sgemm(CblasColMajor, ta, tb, m, n, k, (float) alpha, (FloatPointer) as.at(a + t * strideA), lda,
                        (FloatPointer) bs.at(b + t * strideB), ldb, (float) beta, (FloatPointer) cs.at(c + t * strideC), ldc);
            }
        }
    }

    /** Multiply-adds of {@code count} members. */
    long multiplyAdds(int count) {
        return (long) m * n * k * count;
    }
}
