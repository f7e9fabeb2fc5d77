package dev.gn4j.nativecuda;

import org.junit.jupiter.api.Tag;

/** {@link OptimizerStepContract} on the GPU (-Pgpu; a dry run on a CPU stand-in with -Dgn4j.gpuTests.dryRunOnCpu=true). */
@Tag("gpu")
class OptimizerStepGpuTest extends OptimizerStepContract {
    OptimizerStepGpuTest() {
        super(DeviceUnderTest.CUDA);
    }
}
