// Shared helpers of the gn4j kernels (included by every kernels/*.cu file).
//
// Conventions, which the Java launchers in dev.gn4j.nativecuda rely on:
// - matrices are column-major with leading dimension = rows (gn4j views are contiguous);
// - every kernel is a grid-stride loop, so any grid size is correct and the launcher
//   only picks one for speed;
// - blocks have a multiple of 32 threads (the launchers use 256; sum_partials 1024);
// - reductions never use atomics: each block writes its partial sum (double) to
//   partials[blockIdx.x], and sum_partials (elementwise.cu) adds them in a fixed order
//   into one double, copied back once. Results are therefore deterministic.
// - sums are accumulated in double for both element types, like the CPU twins
//   (CpuBackend reads every element as a Java double).
#pragma once

#define GN4J_GRID_STRIDE(i, n)                                                     \
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (n); \
         i += (long long)blockDim.x * gridDim.x)

__device__ __forceinline__ double gn4j_warp_sum(double v) {
    for (int offset = 16; offset > 0; offset >>= 1) {
        v += __shfl_down_sync(0xffffffffu, v, offset);
    }
    return v;
}

// Sum of v over the block; the result is valid in thread 0. Every thread of the block
// must call it (no early return before it). Safe to call repeatedly in a loop: it
// synchronizes before returning, so the shared scratch can be reused.
__device__ __forceinline__ double gn4j_block_sum(double v) {
    __shared__ double warp_sums[32];
    const int lane = threadIdx.x & 31;
    const int warp = threadIdx.x >> 5;
    v = gn4j_warp_sum(v);
    if (lane == 0) {
        warp_sums[warp] = v;
    }
    __syncthreads();
    const int warps = (blockDim.x + 31) >> 5;
    double t = 0.0;
    if (warp == 0) {
        t = lane < warps ? warp_sums[lane] : 0.0;
        t = gn4j_warp_sum(t);
    }
    __syncthreads();
    return t;
}

// The per-block partial of a two-pass reduction.
__device__ __forceinline__ void gn4j_write_partial(double v, double* partials) {
    const double s = gn4j_block_sum(v);
    if (threadIdx.x == 0) {
        partials[blockIdx.x] = s;
    }
}
