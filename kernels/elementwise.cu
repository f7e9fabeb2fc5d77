// Fill, dtype conversion, bias, column sums, diagonal updates and the scalar reductions
// (trace, dot products with double accumulation, and sum_partials, the second pass of
// every reduction).
// CPU twins: CpuBackend.fill, copy (converting), addBias, columnSums, addDiagonal, trace,
// dot / sumSquares (float32 and mixed inputs accumulate in double there too).
#include "common.cuh"

template <typename T>
__device__ void fill(long long n, T* x, T value) {
    GN4J_GRID_STRIDE(i, n) {
        x[i] = value;
    }
}

// dst ← src with the element type converted (round to nearest for f64 → f32).
template <typename TS, typename TD>
__device__ void convert(long long n, const TS* src, TD* dst) {
    GN4J_GRID_STRIDE(i, n) {
        dst[i] = (TD)src[i];
    }
}

// m[i, j] += bias[j], m is rows×cols.
template <typename T>
__device__ void add_bias(int rows, int cols, T* m, const T* bias) {
    GN4J_GRID_STRIDE(e, (long long)rows * cols) {
        m[e] += bias[e / rows];
    }
}

// out[j] ← α Σ_i m[i, j] + β out[j] (β = 0 ignores out, so NaN there does not leak in).
// One block per column (grid-stride over columns), the block sums the column in double.
template <typename T>
__device__ void column_sums(int rows, int cols, double alpha, double beta, const T* m, T* out) {
    for (int j = blockIdx.x; j < cols; j += gridDim.x) {
        double s = 0.0;
        for (int i = threadIdx.x; i < rows; i += blockDim.x) {
            s += (double)m[i + (long long)j * rows];
        }
        s = gn4j_block_sum(s);
        if (threadIdx.x == 0) {
            out[j] = (T)(alpha * s + (beta == 0.0 ? 0.0 : beta * (double)out[j]));
        }
    }
}

// a[i, i] += value for i < min(rows, cols).
template <typename T>
__device__ void add_diagonal(int rows, int cols, T* a, double value) {
    GN4J_GRID_STRIDE(i, (long long)min(rows, cols)) {
        const long long idx = i + i * rows;
        a[idx] = (T)((double)a[idx] + value);
    }
}

// partials get Σ_i a[i, i].
template <typename T>
__device__ void trace(int rows, int cols, const T* a, double* partials) {
    double s = 0.0;
    GN4J_GRID_STRIDE(i, (long long)min(rows, cols)) {
        s += (double)a[i + i * rows];
    }
    gn4j_write_partial(s, partials);
}

// partials get Σ x_i y_i in double (sumSquares passes x twice).
template <typename TX, typename TY>
__device__ void dot(long long n, const TX* x, const TY* y, double* partials) {
    double s = 0.0;
    GN4J_GRID_STRIDE(i, n) {
        s += (double)x[i] * (double)y[i];
    }
    gn4j_write_partial(s, partials);
}

extern "C" __global__ void fill_f32(long long n, float* x, float value) { fill<float>(n, x, value); }
extern "C" __global__ void fill_f64(long long n, double* x, double value) { fill<double>(n, x, value); }

extern "C" __global__ void convert_f32_f64(long long n, const float* src, double* dst) {
    convert<float, double>(n, src, dst);
}
extern "C" __global__ void convert_f64_f32(long long n, const double* src, float* dst) {
    convert<double, float>(n, src, dst);
}

extern "C" __global__ void add_bias_f32(int rows, int cols, float* m, const float* bias) {
    add_bias<float>(rows, cols, m, bias);
}
extern "C" __global__ void add_bias_f64(int rows, int cols, double* m, const double* bias) {
    add_bias<double>(rows, cols, m, bias);
}

extern "C" __global__ void column_sums_f32(int rows, int cols, double alpha, double beta, const float* m, float* out) {
    column_sums<float>(rows, cols, alpha, beta, m, out);
}
extern "C" __global__ void column_sums_f64(int rows, int cols, double alpha, double beta, const double* m,
                                           double* out) {
    column_sums<double>(rows, cols, alpha, beta, m, out);
}

extern "C" __global__ void add_diagonal_f32(int rows, int cols, float* a, double value) {
    add_diagonal<float>(rows, cols, a, value);
}
extern "C" __global__ void add_diagonal_f64(int rows, int cols, double* a, double value) {
    add_diagonal<double>(rows, cols, a, value);
}

extern "C" __global__ void trace_f32(int rows, int cols, const float* a, double* partials) {
    trace<float>(rows, cols, a, partials);
}
extern "C" __global__ void trace_f64(int rows, int cols, const double* a, double* partials) {
    trace<double>(rows, cols, a, partials);
}

extern "C" __global__ void dot_f32(long long n, const float* x, const float* y, double* partials) {
    dot<float, float>(n, x, y, partials);
}
extern "C" __global__ void dot_f64(long long n, const double* x, const double* y, double* partials) {
    dot<double, double>(n, x, y, partials);
}
// Mixed inputs (x float32, y float64); the launcher swaps the arguments for the other order.
extern "C" __global__ void dot_f32_f64(long long n, const float* x, const double* y, double* partials) {
    dot<float, double>(n, x, y, partials);
}

// Second pass of every reduction: out[0] ← Σ partials[0..count) in a fixed order. One block.
extern "C" __global__ void sum_partials(int count, const double* partials, double* out) {
    double s = 0.0;
    for (int i = threadIdx.x; i < count; i += blockDim.x) {
        s += partials[i];
    }
    s = gn4j_block_sum(s);
    if (threadIdx.x == 0) {
        out[0] = s;
    }
}
