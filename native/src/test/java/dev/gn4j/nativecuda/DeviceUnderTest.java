package dev.gn4j.nativecuda;

import dev.gn4j.engine.backend.Backend;

/** The backends the device contracts run on: the GPU, or the kernel lab standing in for it. */
enum DeviceUnderTest {
    /** The CUDA backend (-Pgpu; a CPU stand-in with -Dgn4j.gpuTests.dryRunOnCpu=true). */
    CUDA {
        @Override
        Backend openOrNull() {
            return GpuTestSupport.openIfAvailable();
        }

        @Override
        String unavailableReason() {
            return "no usable GPU: " + new CudaBackendProvider().unavailableReason();
        }
    },
    /** kernels/*.cu in the kernel lab, cuBLAS and cuSOLVER's share on the host: every build with g++. */
    LAB {
        @Override
        Backend openOrNull() {
            return KernelLabSupport.openOrNull();
        }

        @Override
        String unavailableReason() {
            return KernelLabSupport.unavailableReason();
        }
    };

    /** The backend, or null when it cannot run here. */
    abstract Backend openOrNull();

    abstract String unavailableReason();
}
