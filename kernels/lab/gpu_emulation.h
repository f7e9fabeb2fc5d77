// What kernels/*.cu need from CUDA, as host C++, so that each file compiles unmodified with
// g++ and runs in the kernel lab (kernel_lab.cpp): CUDA threads are OS threads of one block,
// blocks run one after another (so a function-static __shared__ array is per block; the lab
// fills every __shared__ byte with 0xFF, a NaN in floating point, before each block starts, as
// shared memory holds nothing a block may count on),
// __syncthreads is a block-wide barrier and __shfl_down_sync a 32-lane exchange. Misuse
// that is undefined on a GPU (a partial mask, a barrier some threads never reach) aborts
// the lab with a message instead of passing by luck.
#pragma once

#include <math.h>

#include <cmath>
#include <cstring>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
// Function-static, in one linker section that the lab poisons before every block.
#define __shared__ static __attribute__((section("gn4j_shared"), used))

struct uint3 {
    unsigned int x, y, z;
};
struct dim3 {
    unsigned int x, y, z;
};

// Set by the lab: threadIdx per OS thread, the others before a block's threads start.
extern thread_local uint3 threadIdx;
extern uint3 blockIdx;
extern dim3 blockDim;
extern dim3 gridDim;

namespace gn4j_emu {
void syncthreads();
// Lane threadIdx.x % 32 publishes `bytes` of `value` and receives those of lane + delta
// (its own value where that lane is past the warp), as __shfl_down_sync does.
void shfl_down(unsigned mask, void* value, int bytes, unsigned delta, int width);
}  // namespace gn4j_emu

inline void __syncthreads() { gn4j_emu::syncthreads(); }

template <typename T>
inline T __shfl_down_sync(unsigned mask, T value, unsigned delta, int width = 32) {
    static_assert(sizeof(T) <= 8, "the lab exchanges at most 8 bytes a lane");
    gn4j_emu::shfl_down(mask, &value, (int)sizeof(T), delta, width);
    return value;
}

// CUDA's integer min/max overloads (device code calls them unqualified).
inline int min(int a, int b) { return a < b ? a : b; }
inline long long min(long long a, long long b) { return a < b ? a : b; }
inline int max(int a, int b) { return a > b ? a : b; }
inline long long max(long long a, long long b) { return a > b ? a : b; }
