package dev.gn4j.nativecuda;

/**
 * A device address as the stream that launches kernels knows it: a CUDA device pointer on the
 * GPU ({@link CudaPointer}), an address in the kernel lab's process in the tests.
 */
interface DevicePointer {
}
