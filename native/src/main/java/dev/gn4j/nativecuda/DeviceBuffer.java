package dev.gn4j.nativecuda;

import dev.gn4j.engine.backend.DType;
import jcuda.driver.CUdeviceptr;

/**
 * One device allocation (cuMemAlloc, never managed memory) shared by a matrix and its views.
 * When it becomes unreachable, a Cleaner queues its pointer and the owning thread frees it
 * at its next allocation (CUDA calls stay on the owning thread); {@link CudaBackend#close}
 * frees whatever is left.
 */
record DeviceBuffer(CudaBackend backend, CUdeviceptr base, long elements, DType dtype) {
    long bytes() {
        return elements * dtype.bytes();
    }
}
