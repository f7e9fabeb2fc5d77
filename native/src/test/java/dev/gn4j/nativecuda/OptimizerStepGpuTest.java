package dev.gn4j.nativecuda;

import dev.gn4j.engine.backend.Backend;
import org.junit.jupiter.api.Tag;

/** {@link OptimizerStepContract} on the GPU (-Pgpu; a dry run on a CPU stand-in with -Dgn4j.gpuTests.dryRunOnCpu=true). */
@Tag("gpu")
class OptimizerStepGpuTest extends OptimizerStepContract {
    @Override
    Backend openDevice() {
        return GpuTestSupport.openIfAvailable();
    }

    @Override
    String unavailableReason() {
        return "no usable GPU: " + new CudaBackendProvider().unavailableReason();
    }
}
