// The batch-space pieces around the Gram matrix: the Hadamard accumulation of the factored
// Gram, symmetrization, the identity seed, seed contractions, and per-row outer products of
// the explicit Jacobian. m = b·rps rows; row r belongs to sample r / rps.
// CPU twins: CpuBackend.gramAccumulate, symmetrize, identityRows, contractRows, rowDot,
// outerRows. Products and sums are formed in double and rounded once on store, as the
// twins do.
#include "common.cuh"

// k[r, s] += s2[r, s] · (aa[r/rps, s/rps] + 1) for r ≥ s (lower triangle only).
// Inputs TI (the working dtype) and accumulator TA (the Gram dtype) may differ: the Gram is
// kept in float64 from 512 rows on, or when the solve precision asks for it.
template <typename TI, typename TA>
__device__ void gram_accumulate(int m, int b, int rps, const TI* s2, const TI* aa, TA* k) {
    const long long mm = (long long)m;
    GN4J_GRID_STRIDE(e, mm * mm) {
        const long long row = e % mm;
        const long long col = e / mm;
        if (row >= col) {
            const double a = (double)aa[row / rps + (col / rps) * b];
            k[e] = (TA)((double)k[e] + (double)s2[e] * (a + 1.0));
        }
    }
}

// c[j, i] ← c[i, j] for i > j (strict lower triangle onto the upper one), n×n.
template <typename T>
__device__ void symmetrize(int n, T* c) {
    const long long nn = (long long)n;
    GN4J_GRID_STRIDE(e, nn * nn) {
        const long long row = e % nn;
        const long long col = e / nn;
        if (row < col) {
            c[e] = c[col + row * nn];
        }
    }
}

// out (m×c): row r is e_{r mod c}.
template <typename T>
__device__ void identity_rows(int m, int c, T* out) {
    const long long mm = (long long)m;
    GN4J_GRID_STRIDE(e, mm * c) {
        const long long r = e % mm;
        const long long j = e / mm;
        out[e] = (r % c == j) ? (T)1 : (T)0;
    }
}

// out (b×c): out[i, k] = Σ_{q<rps} v[i·rps + q] · seed[i·rps + q, k]; seed is (b·rps)×c.
template <typename T>
__device__ void contract_rows(int b, int c, int rps, const T* seed, const T* v, T* out) {
    const long long m = (long long)b * rps;
    GN4J_GRID_STRIDE(e, (long long)b * c) {
        const long long i = e % b;
        const long long k = e / b;
        double s = 0.0;
        for (int q = 0; q < rps; q++) {
            const long long r = i * rps + q;
            s += (double)v[r] * (double)seed[r + k * m];
        }
        out[e] = (T)s;
    }
}

// out (m×1): out[r] = Σ_k seed[r, k] · x[r/rps, k]; seed is m×c, x is (m/rps)×c.
template <typename T>
__device__ void row_dot(int m, int c, int rps, const T* seed, const T* x, T* out) {
    const long long b = (long long)(m / rps);
    GN4J_GRID_STRIDE(r, (long long)m) {
        const long long i = r / rps;
        double s = 0.0;
        for (int k = 0; k < c; k++) {
            s += (double)seed[r + (long long)k * m] * (double)x[i + k * b];
        }
        out[r] = (T)s;
    }
}

// The explicit Jacobian block of one dense layer, out is m × (d·e + d):
// out[r, j + d·kk] = g[r, j] · a[r/rps, kk] (weights, column-major d×e) and out[r, d·e + j] = g[r, j] (bias).
template <typename T>
__device__ void outer_rows(int m, int d, int e, int rps, const T* g, const T* a, T* out) {
    const long long mm = (long long)m;
    const long long b = (long long)(m / rps);
    const long long weights = (long long)d * e;
    GN4J_GRID_STRIDE(idx, mm * (weights + d)) {
        const long long r = idx % mm;
        const long long col = idx / mm;
        if (col < weights) {
            const long long j = col % d;
            const long long kk = col / d;
            out[idx] = (T)((double)g[r + j * mm] * (double)a[r / rps + kk * b]);
        } else {
            out[idx] = g[r + (col - weights) * mm];
        }
    }
}

extern "C" __global__ void gram_accumulate_f32(int m, int b, int rps, const float* s2, const float* aa, float* k) {
    gram_accumulate<float, float>(m, b, rps, s2, aa, k);
}
extern "C" __global__ void gram_accumulate_f64(int m, int b, int rps, const double* s2, const double* aa, double* k) {
    gram_accumulate<double, double>(m, b, rps, s2, aa, k);
}
// float32 factors into a float64 Gram (working dtype f32, m ≥ 512 or --solve-dtype f64).
extern "C" __global__ void gram_accumulate_f32_f64(int m, int b, int rps, const float* s2, const float* aa, double* k) {
    gram_accumulate<float, double>(m, b, rps, s2, aa, k);
}
// float64 factors into a float32 Gram: the engine never asks for it today; kept so every
// dtype pair the Backend contract allows has a kernel.
extern "C" __global__ void gram_accumulate_f64_f32(int m, int b, int rps, const double* s2, const double* aa, float* k) {
    gram_accumulate<double, float>(m, b, rps, s2, aa, k);
}

extern "C" __global__ void symmetrize_f32(int n, float* c) { symmetrize<float>(n, c); }
extern "C" __global__ void symmetrize_f64(int n, double* c) { symmetrize<double>(n, c); }

extern "C" __global__ void identity_rows_f32(int m, int c, float* out) { identity_rows<float>(m, c, out); }
extern "C" __global__ void identity_rows_f64(int m, int c, double* out) { identity_rows<double>(m, c, out); }

extern "C" __global__ void contract_rows_f32(int b, int c, int rps, const float* seed, const float* v, float* out) {
    contract_rows<float>(b, c, rps, seed, v, out);
}
extern "C" __global__ void contract_rows_f64(int b, int c, int rps, const double* seed, const double* v, double* out) {
    contract_rows<double>(b, c, rps, seed, v, out);
}

extern "C" __global__ void row_dot_f32(int m, int c, int rps, const float* seed, const float* x, float* out) {
    row_dot<float>(m, c, rps, seed, x, out);
}
extern "C" __global__ void row_dot_f64(int m, int c, int rps, const double* seed, const double* x, double* out) {
    row_dot<double>(m, c, rps, seed, x, out);
}

extern "C" __global__ void outer_rows_f32(int m, int d, int e, int rps, const float* g, const float* a, float* out) {
    outer_rows<float>(m, d, e, rps, g, a, out);
}
extern "C" __global__ void outer_rows_f64(int m, int d, int e, int rps, const double* g, const double* a,
                                          double* out) {
    outer_rows<double>(m, d, e, rps, g, a, out);
}
