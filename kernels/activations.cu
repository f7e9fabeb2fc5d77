// Pointwise activations and their derivatives.
// CPU twins: Activation.apply / Activation.derivative, used by CpuBackend.activation and
// CpuBackend.activationGrad. Same formulas, evaluated in double for both dtypes and rounded
// once, as the twins do: float formulas lose up to 1e-3 relative to cancellation in 1 − a²
// for |a| near 1, where the CPU's do not.
#include "common.cuh"

// Activation.ordinal() on the Java side; ActivationCodesTest pins the correspondence.
enum Gn4jActivation { ACT_IDENTITY = 0, ACT_RELU = 1, ACT_TANH = 2, ACT_SIGMOID = 3, ACT_GELU = 4 };

// 1/(1 + e^(−x)) without overflow; Activation.sigmoid.
__device__ __forceinline__ double act_sigmoid(double x) {
    if (x >= 0.0) {
        return 1.0 / (1.0 + exp(-x));
    }
    const double e = exp(x);
    return e / (1.0 + e);
}

// GELU's inner argument u = √(2/π)(z + 0.044715 z³): GELU(z) = z·σ(2u), as in Activation.gelu.
__device__ __forceinline__ double act_gelu_u(double z) {
    return 0.7978845608028654 * (z + 0.044715 * z * z * z);
}

__device__ __forceinline__ double act_apply(int f, double z) {
    switch (f) {
        case ACT_RELU:
            return z > 0.0 ? z : 0.0;
        case ACT_TANH:
            return tanh(z);
        case ACT_SIGMOID:
            return act_sigmoid(z);
        case ACT_GELU:
            return z * act_sigmoid(2.0 * act_gelu_u(z));
        default:
            return z;
    }
}

// σ'(z) given z and a = σ(z) (tanh and sigmoid reuse a, as the CPU twin does).
// GELU′ = s + 2z·s(1 − s)·u′ with s = σ(2u) and 1 − s = σ(−2u): no 1 + tanh to cancel.
__device__ __forceinline__ double act_derivative(int f, double z, double a) {
    switch (f) {
        case ACT_RELU:
            return z > 0.0 ? 1.0 : 0.0;
        case ACT_TANH:
            return 1.0 - a * a;
        case ACT_SIGMOID:
            return a * (1.0 - a);
        case ACT_GELU: {
            const double u = act_gelu_u(z);
            const double du = 0.7978845608028654 * (1.0 + 3.0 * 0.044715 * z * z);
            const double s = act_sigmoid(2.0 * u);
            return s + 2.0 * z * s * act_sigmoid(-2.0 * u) * du;
        }
        default:
            return 1.0;
    }
}

// a ← σ(z), n elements. CPU twin: CpuBackend.activation.
template <typename T>
__device__ void activation_forward(long long n, int f, const T* z, T* a) {
    GN4J_GRID_STRIDE(i, n) {
        a[i] = (T)act_apply(f, (double)z[i]);
    }
}

// out ← g ∘ σ'(z) with z, a of b×d and g, out of (b·rps)×d; row r of g uses row r/rps of z.
// out may alias g (each element is read and written by the same thread).
// CPU twin: CpuBackend.activationGrad.
template <typename T>
__device__ void activation_backward(int b, int d, int rps, int f, const T* z, const T* a, const T* g, T* out) {
    const long long m = (long long)b * rps;
    GN4J_GRID_STRIDE(e, m * d) {
        const long long r = e % m;
        const long long j = e / m;
        const long long src = r / rps + j * b;
        out[e] = (T)((double)g[e] * act_derivative(f, (double)z[src], (double)a[src]));
    }
}

extern "C" __global__ void activation_forward_f32(long long n, int f, const float* z, float* a) {
    activation_forward<float>(n, f, z, a);
}
extern "C" __global__ void activation_forward_f64(long long n, int f, const double* z, double* a) {
    activation_forward<double>(n, f, z, a);
}

extern "C" __global__ void activation_backward_f32(int b, int d, int rps, int f, const float* z, const float* a,
                                                   const float* g, float* out) {
    activation_backward<float>(b, d, rps, f, z, a, g, out);
}
extern "C" __global__ void activation_backward_f64(int b, int d, int rps, int f, const double* z, const double* a,
                                                   const double* g, double* out) {
    activation_backward<double>(b, d, rps, f, z, a, g, out);
}
