// Optimizer updates that BLAS does not express in one call.
// CPU twin: CpuBackend.adamUpdate (PyTorch's Adam with L2 weight decay added to the gradient).
// Computed in double for both element types, as the twin does; the bias corrections
// bc1 = 1 − β1^t and bc2 = 1 − β2^t come from the host.
#include "common.cuh"

template <typename T>
__device__ void adam_update(long long n, T* param, const T* grad, T* m, T* v, double lr, double beta1, double beta2,
                            double eps, double weight_decay, double bc1, double bc2) {
    GN4J_GRID_STRIDE(i, n) {
        const double p = (double)param[i];
        const double g = (double)grad[i] + weight_decay * p;
        const double mi = beta1 * (double)m[i] + (1.0 - beta1) * g;
        const double vi = beta2 * (double)v[i] + (1.0 - beta2) * g * g;
        m[i] = (T)mi;
        v[i] = (T)vi;
        param[i] = (T)(p - lr * (mi / bc1) / (sqrt(vi / bc2) + eps));
    }
}

extern "C" __global__ void adam_update_f32(long long n, float* param, const float* grad, float* m, float* v, double lr,
                                           double beta1, double beta2, double eps, double weight_decay, double bc1,
                                           double bc2) {
    adam_update<float>(n, param, grad, m, v, lr, beta1, beta2, eps, weight_decay, bc1, bc2);
}
extern "C" __global__ void adam_update_f64(long long n, double* param, const double* grad, double* m, double* v,
                                           double lr, double beta1, double beta2, double eps, double weight_decay,
                                           double bc1, double bc2) {
    adam_update<double>(n, param, grad, m, v, lr, beta1, beta2, eps, weight_decay, bc1, bc2);
}
