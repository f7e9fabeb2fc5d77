// Pointwise activations and their derivatives.
// CPU twins: Activation.apply / Activation.derivative, used by CpuBackend.activation and
// CpuBackend.activationGrad. Same formulas; f32 evaluates them in float, f64 in double.
#include "common.cuh"

// Activation.ordinal() on the Java side; ActivationCodesTest pins the correspondence.
enum Gn4jActivation { ACT_IDENTITY = 0, ACT_RELU = 1, ACT_TANH = 2, ACT_SIGMOID = 3, ACT_GELU = 4 };

template <typename T>
__device__ __forceinline__ T act_apply(int f, T z) {
    const T sqrt_2_over_pi = (T)0.7978845608028654;
    switch (f) {
        case ACT_RELU:
            return z > (T)0 ? z : (T)0;
        case ACT_TANH:
            return gn4j_tanh(z);
        case ACT_SIGMOID:
            if (z >= (T)0) {
                return (T)1 / ((T)1 + gn4j_exp(-z));
            } else {
                const T e = gn4j_exp(z);
                return e / ((T)1 + e);
            }
        case ACT_GELU:
            return (T)0.5 * z * ((T)1 + gn4j_tanh(sqrt_2_over_pi * (z + (T)0.044715 * z * z * z)));
        default:
            return z;
    }
}

// σ'(z) given z and a = σ(z) (tanh and sigmoid reuse a, as the CPU twin does).
template <typename T>
__device__ __forceinline__ T act_derivative(int f, T z, T a) {
    const T sqrt_2_over_pi = (T)0.7978845608028654;
    switch (f) {
        case ACT_RELU:
            return z > (T)0 ? (T)1 : (T)0;
        case ACT_TANH:
            return (T)1 - a * a;
        case ACT_SIGMOID:
            return a * ((T)1 - a);
        case ACT_GELU: {
            const T u = sqrt_2_over_pi * (z + (T)0.044715 * z * z * z);
            const T t = gn4j_tanh(u);
            const T du = sqrt_2_over_pi * ((T)1 + (T)3 * (T)0.044715 * z * z);
            return (T)0.5 * ((T)1 + t) + (T)0.5 * z * ((T)1 - t * t) * du;
        }
        default:
            return (T)1;
    }
}

// a ← σ(z), n elements. CPU twin: CpuBackend.activation.
template <typename T>
__device__ void activation_forward(long long n, int f, const T* z, T* a) {
    GN4J_GRID_STRIDE(i, n) {
        a[i] = act_apply<T>(f, z[i]);
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
        out[e] = g[e] * act_derivative<T>(f, z[src], a[src]);
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
