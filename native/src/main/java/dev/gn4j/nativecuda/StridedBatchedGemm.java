package dev.gn4j.nativecuda;

/**
 * C_t ← A_t B_t for t = 0..batch−1 (no transposes, α = 1, β = 0), A_t starting {@code t·strideA}
 * elements past a's first element with leading dimension lda, and so on: cuBLAS's
 * cublas?gemmStridedBatched, as CudaBackend calls it. The kernel lab runs the same calls on the
 * host, so that the offsets and strides the launchers compute are checked in every build
 * even though cuBLAS itself is not.
 */
@FunctionalInterface
interface StridedBatchedGemm {
    void run(int m, int n, int k, DeviceMat a, int lda, long strideA, DeviceMat b, int ldb, long strideB, DeviceMat c, int ldc,
            long strideC, int batch);
}
