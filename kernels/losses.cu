// Losses and what the curvature rows need from them: mse residual, softmax cross-entropy
// (log-sum-exp), accuracy, the ce Q-factor B and sampled labels for the Fisher.
// CPU twins: CpuBackend.mseResidual, softmaxCrossEntropy, countCorrect, softmaxQFactor,
// sampleCategorical. Like the twins, these compute in double for both element types and
// round once on store. Labels are class indices stored in the working dtype (b×1).
// Scalar results go to partials[blockIdx.x] and are finished by sum_partials.
#include "common.cuh"

// g ← f − y; partials get Σ (f − y)², the host halves the total.
template <typename T>
__device__ void mse_residual(long long n, const T* f, const T* y, T* g, double* partials) {
    double s = 0.0;
    GN4J_GRID_STRIDE(i, n) {
        const double r = (double)f[i] - (double)y[i];
        g[i] = (T)r;
        s += r * r;
    }
    gn4j_write_partial(s, partials);
}

// One thread per sample (column-major b×c: consecutive threads read consecutive rows).
// p ← softmax(f_i), g ← p − e_y; partials get Σ_i (logZ_i − f_i[y_i]). An out-of-range label
// contributes NaN, so the run stops on a non-finite loss instead of reading out of bounds.
template <typename T>
__device__ void softmax_xent(int b, int c, const T* f, const T* labels, T* p, T* g, double* partials) {
    double nll = 0.0;
    GN4J_GRID_STRIDE(i, (long long)b) {
        double mx = -INFINITY;
        for (int k = 0; k < c; k++) {
            mx = fmax(mx, (double)f[i + (long long)k * b]);
        }
        double z = 0.0;
        for (int k = 0; k < c; k++) {
            z += exp((double)f[i + (long long)k * b] - mx);
        }
        const double log_z = mx + log(z);
        const int y = (int)labels[i];
        for (int k = 0; k < c; k++) {
            const long long idx = i + (long long)k * b;
            const double pk = exp((double)f[idx] - log_z);
            p[idx] = (T)pk;
            g[idx] = (T)(pk - (k == y ? 1.0 : 0.0));
        }
        nll += (y >= 0 && y < c) ? log_z - (double)f[i + (long long)y * b] : NAN;
    }
    gn4j_write_partial(nll, partials);
}

// partials get the number of samples whose first arg-max equals the label.
template <typename T>
__device__ void count_correct(int b, int c, const T* f, const T* labels, double* partials) {
    double correct = 0.0;
    GN4J_GRID_STRIDE(i, (long long)b) {
        int best = 0;
        for (int k = 1; k < c; k++) {
            if (f[i + (long long)k * b] > f[i + (long long)best * b]) {
                best = k;
            }
        }
        if (best == (int)labels[i]) {
            correct += 1.0;
        }
    }
    gn4j_write_partial(correct, partials);
}

// out ((b·(c−1))×c): rows i·(c−1)..i·(c−1)+c−2 hold B_i = V diag(s), s = √p_i, V the first
// c − 1 rows of the Householder reflection I − v vᵀ/(1 + s_h), v = s + e_h, h = c − 1, i.e.
// out[i·(c−1) + k, j] = (δ_kj − s_k v_j / (1 + s_h)) s_j. CPU twin: ScalarKernels.softmaxQFactor.
template <typename T>
__device__ void softmax_qfactor(int b, int c, const T* p, T* out) {
    const int h = c - 1;
    const long long m = (long long)b * h;
    GN4J_GRID_STRIDE(e, m * c) {
        const long long r = e % m;
        const int j = (int)(e / m);
        const long long i = r / h;
        const int k = (int)(r % h);
        const double sk = sqrt(fmax(0.0, (double)p[i + (long long)k * b]));
        const double sj = sqrt(fmax(0.0, (double)p[i + (long long)j * b]));
        const double sh = sqrt(fmax(0.0, (double)p[i + (long long)h * b]));
        const double vj = j == h ? sj + 1.0 : sj;
        out[e] = (T)(((k == j ? 1.0 : 0.0) - sk * vj / (1.0 + sh)) * sj);
    }
}

// label_i = the first k with u_i < Σ_{j≤k} p_ij (c − 1 if rounding leaves u above the total).
template <typename T>
__device__ void sample_categorical(int b, int c, const T* p, const T* u, T* labels) {
    GN4J_GRID_STRIDE(i, (long long)b) {
        const double ui = (double)u[i];
        double acc = 0.0;
        int label = c - 1;
        for (int k = 0; k < c; k++) {
            acc += (double)p[i + (long long)k * b];
            if (ui < acc) {
                label = k;
                break;
            }
        }
        labels[i] = (T)label;
    }
}

extern "C" __global__ void mse_residual_f32(long long n, const float* f, const float* y, float* g, double* partials) {
    mse_residual<float>(n, f, y, g, partials);
}
extern "C" __global__ void mse_residual_f64(long long n, const double* f, const double* y, double* g, double* partials) {
    mse_residual<double>(n, f, y, g, partials);
}

extern "C" __global__ void softmax_xent_f32(int b, int c, const float* f, const float* labels, float* p, float* g,
                                            double* partials) {
    softmax_xent<float>(b, c, f, labels, p, g, partials);
}
extern "C" __global__ void softmax_xent_f64(int b, int c, const double* f, const double* labels, double* p, double* g,
                                            double* partials) {
    softmax_xent<double>(b, c, f, labels, p, g, partials);
}

extern "C" __global__ void count_correct_f32(int b, int c, const float* f, const float* labels, double* partials) {
    count_correct<float>(b, c, f, labels, partials);
}
extern "C" __global__ void count_correct_f64(int b, int c, const double* f, const double* labels, double* partials) {
    count_correct<double>(b, c, f, labels, partials);
}

extern "C" __global__ void softmax_qfactor_f32(int b, int c, const float* p, float* out) {
    softmax_qfactor<float>(b, c, p, out);
}
extern "C" __global__ void softmax_qfactor_f64(int b, int c, const double* p, double* out) {
    softmax_qfactor<double>(b, c, p, out);
}

extern "C" __global__ void sample_categorical_f32(int b, int c, const float* p, const float* u, float* labels) {
    sample_categorical<float>(b, c, p, u, labels);
}
extern "C" __global__ void sample_categorical_f64(int b, int c, const double* p, const double* u, double* labels) {
    sample_categorical<double>(b, c, p, u, labels);
}
