package dev.gn4j.nativecuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.cpu.CpuBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** What the device contracts share: the backend under test, opened once a class beside a CPU twin, or a visible skip. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeviceContract {
    private final DeviceUnderTest device;
    /** The backend under test (the CUDA backend, or the kernel lab standing in for the GPU). */
    Backend gpu;
    Backend cpu;

    DeviceContract(DeviceUnderTest device) {
        this.device = device;
    }

    @BeforeAll
    void open() {
        gpu = device.openOrNull();
        cpu = new CpuBackend();
    }

    @BeforeEach
    void requireDevice() {
        assumeTrue(gpu != null, device::unavailableReason);
    }

    @AfterAll
    void close() {
        if (gpu != null) {
            gpu.close();
        }
    }
}
