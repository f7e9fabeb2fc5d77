// The unfolding that makes a convolution one GEMM (im2col) and its adjoint (col2im), over
// b samples whose features are NCHW: feature c·H·W + y·W + x. The patch matrix has P·b
// rows, row p·b + i being sample i at output position p = oy·ow + ox, and Q = C·k·k columns,
// column (c·k + ky)·k + kx. CPU twins: CpuBackend.im2col, col2im (ConvKernels). col2im
// gathers (no atomics): each input element sums the entries that read it in double, ky then
// kx, and rounds once on store, as the twin does.
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
