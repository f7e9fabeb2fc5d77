package dev.gn4j.nativecuda;

import org.junit.jupiter.api.Tag;

/** {@link BackendOpsContract} on the GPU (-Pgpu; a dry run on a CPU stand-in with -Dgn4j.gpuTests.dryRunOnCpu=true). */
@Tag("gpu")
class CudaBackendOpsTest extends BackendOpsContract {
    CudaBackendOpsTest() {
        super(DeviceUnderTest.CUDA);
    }
}
