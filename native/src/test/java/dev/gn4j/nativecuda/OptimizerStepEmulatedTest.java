package dev.gn4j.nativecuda;

/**
 * {@link OptimizerStepContract} on the kernel lab: two steps of every optimizer with each
 * kernel the CUDA backend launches run from kernels/*.cu in the lab (AddressSanitizer build,
 * a grid on which every loop wraps) and cuBLAS/cuSOLVER's share on the host. Runs in every
 * build with g++.
 */
class OptimizerStepEmulatedTest extends OptimizerStepContract {
    OptimizerStepEmulatedTest() {
        super(DeviceUnderTest.LAB);
    }
}
