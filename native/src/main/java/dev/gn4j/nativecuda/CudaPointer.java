package dev.gn4j.nativecuda;

import jcuda.driver.CUdeviceptr;

/** A CUDA device pointer as a kernel argument. */
record CudaPointer(CUdeviceptr pointer) implements DevicePointer {
}
