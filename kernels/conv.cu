// The unfolding that makes a convolution one GEMM (im2col) and its adjoint (col2im), over
// b samples whose features are NCHW: feature c·H·W + y·W + x. The patch matrix has P·b
// rows, row p·b + i being sample i at output position p = oy·ow + ox, and Q = C·k·k columns,
// column (c·k + ky)·k + kx; the patches reordered sample by sample for the strided-batched
// GEMMs that form a convolution's rows of U (patches_by_sample), max-pooling (max_pool:
// forward and tangent; max_pool_backward) and average pooling (avg_pool: forward and
// tangent; avg_pool_backward). CPU twins: CpuBackend.im2col, col2im, ConvRowsGemm.bySample,
// maxPool, maxPoolTangent, maxPoolBackward (ConvKernels), avgPool, avgPoolTangent,
// avgPoolBackward (PoolKernels). col2im and avg_pool_backward gather (no atomics): each
// input element sums the entries that read it in double, in a fixed order, and rounds once
// on store, as the twins do.
#include "common.cuh"

template <typename T>
__device__ void im2col(int b, int c, int h, int w, int k, int stride, int pad, int oh, int ow, const T* a, T* patches) {
    const long long rows = (long long)oh * ow * b;
    const long long q = (long long)c * k * k;
    GN4J_GRID_STRIDE(idx, rows * q) {
        const long long row = idx % rows;
        const int col = (int)(idx / rows);
        const int i = (int)(row % b);
        const int p = (int)(row / b);
        const int ch = col / (k * k), ky = col / k % k, kx = col % k;
        const int y = p / ow * stride + ky - pad;
        const int x = p % ow * stride + kx - pad;
        patches[idx] = (y < 0 || y >= h || x < 0 || x >= w)
                ? (T)0 : a[i + (long long)b * (((long long)ch * h + y) * w + x)];
    }
}

template <typename T>
__device__ void col2im(int b, int c, int h, int w, int k, int stride, int pad, int oh, int ow, const T* patches, T* a) {
    const long long rows = (long long)oh * ow * b;
    GN4J_GRID_STRIDE(idx, (long long)b * c * h * w) {
        const int i = (int)(idx % b);
        const long long f = idx / b;
        const int x = (int)(f % w);
        const int y = (int)(f / w % h);
        const int ch = (int)(f / ((long long)w * h));
        double sum = 0.0;
        for (int ky = 0; ky < k; ky++) {
            const int ty = y + pad - ky;
            if (ty < 0 || ty % stride != 0 || ty / stride >= oh) {
                continue;
            }
            for (int kx = 0; kx < k; kx++) {
                const int tx = x + pad - kx;
                if (tx < 0 || tx % stride != 0 || tx / stride >= ow) {
                    continue;
                }
                const long long row = ((long long)(ty / stride) * ow + tx / stride) * b + i;
                const long long col = ((long long)ch * k + ky) * k + kx;
                sum += (double)patches[row + rows * col];
            }
        }
        a[idx] = (T)sum;
    }
}

// by_sample ← patches with its rows reordered from p·b + i (position-major, as the forward
// GEMM wants them) to i·P + p, so that sample i's P × Q patches are one block with leading
// dimension P·b: the B operand of the strided-batched GEMMs that form a convolution's rows of
// U (ConvLaunchers.convRows; cuBLAS then does the sums). CPU twin: ConvRowsGemm.bySample.
template <typename T>
__device__ void patches_by_sample(int positions, int b, int q, const T* patches, T* by_sample) {
    const long long rows = (long long)positions * b;
    GN4J_GRID_STRIDE(idx, rows * q) {
        const long long row = idx % rows;
        const long long col = idx / rows;
        const long long i = row / positions, p = row % positions;
        by_sample[idx] = patches[p * b + i + rows * col];
    }
}

extern "C" __global__ void patches_by_sample_f32(int positions, int b, int q, const float* patches, float* by_sample) {
    patches_by_sample<float>(positions, b, q, patches, by_sample);
}
extern "C" __global__ void patches_by_sample_f64(int positions, int b, int q, const double* patches, double* by_sample) {
    patches_by_sample<double>(positions, b, q, patches, by_sample);
}

// Window p's first largest entry (in ky, kx order) of sample i, channel c: its feature y·w + x.
template <typename T>
__device__ int pool_argmax(const T* a, int b, int h, int w, int k, int stride, int ow, long long i, int c, int p) {
    const int oy = p / ow, ox = p % ow;
    int best = -1;
    double mx = 0.0;
    for (int ky = 0; ky < k; ky++) {
        for (int kx = 0; kx < k; kx++) {
            const int f = (oy * stride + ky) * w + ox * stride + kx;
            const double v = (double)a[i + (long long)b * ((long long)c * h * w + f)];
            if (best < 0 || v > mx) {
                best = f;
                mx = v;
            }
        }
    }
    return best;
}

// out (b × c·positions) ← the windows' maxima of a, or (add) out += t at the maxima of a.
template <typename T>
__device__ void max_pool(int b, int c, int h, int w, int k, int stride, int oh, int ow, int add, const T* a, const T* t, T* out) {
    const long long positions = (long long)oh * ow;
    GN4J_GRID_STRIDE(idx, (long long)b * c * positions) {
        const long long i = idx % b;
        const long long cp = idx / b;
        const int ch = (int)(cp / positions);
        const int p = (int)(cp % positions);
        const int f = pool_argmax<T>(a, b, h, w, k, stride, ow, i, ch, p);
        const T v = t[i + (long long)b * ((long long)ch * h * w + f)];
        out[idx] = add ? (T)((double)out[idx] + (double)v) : v;
    }
}

// below (m × c·h·w) ← each input element's sum over the windows (oy, then ox) whose maximum it is.
template <typename T>
__device__ void max_pool_backward(int m, int rps, int c, int h, int w, int k, int stride, int oh, int ow, const T* a,
                                  const T* g, T* below) {
    const int b = m / rps;
    const long long positions = (long long)oh * ow;
    GN4J_GRID_STRIDE(idx, (long long)m * c * h * w) {
        const long long r = idx % m;
        const long long feature = idx / m;
        const int ch = (int)(feature / ((long long)h * w));
        const int f = (int)(feature % ((long long)h * w));
        const int y = f / w, x = f % w;
        double sum = 0.0;
        const int oyLo = max(0, (y - k + stride) / stride), oyHi = min(oh - 1, y / stride);
        const int oxLo = max(0, (x - k + stride) / stride), oxHi = min(ow - 1, x / stride);
        for (int oy = oyLo; oy <= oyHi; oy++) {
            for (int ox = oxLo; ox <= oxHi; ox++) {
                if (y - oy * stride >= k || x - ox * stride >= k) {
                    continue;
                }
                const int p = oy * ow + ox;
                if (pool_argmax<T>(a, b, h, w, k, stride, ow, r / rps, ch, p) == f) {
                    sum += (double)g[r + (long long)m * ((long long)ch * positions + p)];
                }
            }
        }
        below[idx] = (T)sum;
    }
}

extern "C" __global__ void max_pool_f32(int b, int c, int h, int w, int k, int stride, int oh, int ow, int add,
                                        const float* a, const float* t, float* out) {
    max_pool<float>(b, c, h, w, k, stride, oh, ow, add, a, t, out);
}
extern "C" __global__ void max_pool_f64(int b, int c, int h, int w, int k, int stride, int oh, int ow, int add,
                                        const double* a, const double* t, double* out) {
    max_pool<double>(b, c, h, w, k, stride, oh, ow, add, a, t, out);
}
extern "C" __global__ void max_pool_backward_f32(int m, int rps, int c, int h, int w, int k, int stride, int oh, int ow,
                                                 const float* a, const float* g, float* below) {
    max_pool_backward<float>(m, rps, c, h, w, k, stride, oh, ow, a, g, below);
}
extern "C" __global__ void max_pool_backward_f64(int m, int rps, int c, int h, int w, int k, int stride, int oh, int ow,
                                                 const double* a, const double* g, double* below) {
    max_pool_backward<double>(m, rps, c, h, w, k, stride, oh, ow, a, g, below);
}

// out (b × c·positions) ← the windows' means of a, or (add) out += them: the k² entries summed
// in double, ky then kx, from 0, divided by k² in double, added to out in double, rounded once.
// a is the tangent da for the add form. The order and the arithmetic of PoolKernels.avgPool.
template <typename T>
__device__ void avg_pool(int b, int c, int h, int w, int k, int stride, int oh, int ow, int add, const T* a, T* out) {
    const long long positions = (long long)oh * ow;
    const double kk = (double)k * (double)k;
    GN4J_GRID_STRIDE(idx, (long long)b * c * positions) {
        const long long i = idx % b;
        const long long cp = idx / b;
        const int ch = (int)(cp / positions);
        const int p = (int)(cp % positions);
        const int oy = p / ow, ox = p % ow;
        double sum = 0.0;
        for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
                const int f = (oy * stride + ky) * w + ox * stride + kx;
                sum += (double)a[i + (long long)b * ((long long)ch * h * w + f)];
            }
        }
        const double mean = sum / kk;
        out[idx] = add ? (T)((double)out[idx] + mean) : (T)mean;
    }
}

// below (m × c·h·w) ← each input element's sum of g over the windows (oy, then ox) that contain
// it, in double from 0, divided by k² once: the order of PoolKernels.avgPoolBackward. Every row
// is its own (the map does not depend on the input), so there is no a and no rows per sample.
template <typename T>
__device__ void avg_pool_backward(int m, int c, int h, int w, int k, int stride, int oh, int ow, const T* g, T* below) {
    const long long positions = (long long)oh * ow;
    const double kk = (double)k * (double)k;
    GN4J_GRID_STRIDE(idx, (long long)m * c * h * w) {
        const long long r = idx % m;
        const long long feature = idx / m;
        const int ch = (int)(feature / ((long long)h * w));
        const int f = (int)(feature % ((long long)h * w));
        const int y = f / w, x = f % w;
        double sum = 0.0;
        const int oyLo = max(0, (y - k + stride) / stride), oyHi = min(oh - 1, y / stride);
        const int oxLo = max(0, (x - k + stride) / stride), oxHi = min(ow - 1, x / stride);
        for (int oy = oyLo; oy <= oyHi; oy++) {
            for (int ox = oxLo; ox <= oxHi; ox++) {
                if (y - oy * stride >= k || x - ox * stride >= k) {
                    continue;
                }
                sum += (double)g[r + (long long)m * ((long long)ch * positions + oy * ow + ox)];
            }
        }
        below[idx] = (T)(sum / kk);
    }
}

extern "C" __global__ void avg_pool_f32(int b, int c, int h, int w, int k, int stride, int oh, int ow, int add,
                                        const float* a, float* out) {
    avg_pool<float>(b, c, h, w, k, stride, oh, ow, add, a, out);
}
extern "C" __global__ void avg_pool_f64(int b, int c, int h, int w, int k, int stride, int oh, int ow, int add,
                                        const double* a, double* out) {
    avg_pool<double>(b, c, h, w, k, stride, oh, ow, add, a, out);
}
extern "C" __global__ void avg_pool_backward_f32(int m, int c, int h, int w, int k, int stride, int oh, int ow,
                                                 const float* g, float* below) {
    avg_pool_backward<float>(m, c, h, w, k, stride, oh, ow, g, below);
}
extern "C" __global__ void avg_pool_backward_f64(int m, int c, int h, int w, int k, int stride, int oh, int ow,
                                                 const double* g, double* below) {
    avg_pool_backward<double>(m, c, h, w, k, stride, oh, ow, g, below);
}

extern "C" __global__ void im2col_f32(int b, int c, int h, int w, int k, int stride, int pad, int oh, int ow,
                                      const float* a, float* patches) {
    im2col<float>(b, c, h, w, k, stride, pad, oh, ow, a, patches);
}
extern "C" __global__ void im2col_f64(int b, int c, int h, int w, int k, int stride, int pad, int oh, int ow,
                                      const double* a, double* patches) {
    im2col<double>(b, c, h, w, k, stride, pad, oh, ow, a, patches);
}
extern "C" __global__ void col2im_f32(int b, int c, int h, int w, int k, int stride, int pad, int oh, int ow,
                                      const float* patches, float* a) {
    col2im<float>(b, c, h, w, k, stride, pad, oh, ow, patches, a);
}
extern "C" __global__ void col2im_f64(int b, int c, int h, int w, int k, int stride, int pad, int oh, int ow,
                                      const double* patches, double* a) {
    col2im<double>(b, c, h, w, k, stride, pad, oh, ow, patches, a);
}
