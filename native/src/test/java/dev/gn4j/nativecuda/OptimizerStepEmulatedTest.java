package dev.gn4j.nativecuda;

import dev.gn4j.engine.backend.Backend;

/**
 * {@link OptimizerStepContract} on the kernel lab: two steps of every optimizer with each
 * kernel the CUDA backend launches run from kernels/*.cu in the lab (AddressSanitizer build,
 * a grid on which every loop wraps) and cuBLAS/cuSOLVER's share on the host. Runs in every
 * build with g++.
 */
class OptimizerStepEmulatedTest extends OptimizerStepContract {
    @Override
    Backend openDevice() {
        return KernelLabSupport.openOrNull();
    }

    @Override
    String unavailableReason() {
        return KernelLabSupport.unavailableReason();
    }
}
