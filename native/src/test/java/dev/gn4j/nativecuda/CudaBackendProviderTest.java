package dev.gn4j.nativecuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gn4j.engine.backend.BackendProvider;
import dev.gn4j.engine.backend.DeviceUnavailable;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The provider as the engine sees it, on any machine: found by ServiceLoader for "gpu", and
 * on a machine without a GPU its reason is one plain sentence (Backends.open appends ". Use
 * --device cpu ..." to it, so no final period and no line break) and nothing throws.
 */
class CudaBackendProviderTest {

    static void assertOneSentence(String s) {
        assertNotNull(s);
        assertFalse(s.isBlank(), "empty reason");
        assertFalse(s.contains("\n") || s.contains("\r"), "reason spans lines: " + s);
        assertFalse(s.endsWith("."), "reason ends with a period (Backends.open adds one): " + s);
        assertTrue(s.length() < 400, "reason is not short: " + s);
    }

    @Test
    void serviceLoaderFindsTheGpuProvider() {
        List<BackendProvider> gpu = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.device().equals("gpu")).toList();
        assertEquals(1, gpu.size(), "providers for gpu: " + gpu);
        assertTrue(gpu.get(0) instanceof CudaBackendProvider);
    }

    @Test
    void withoutAGpuTheReasonIsOneSentenceAndOpenSaysTheSame() {
        CudaBackendProvider p = new CudaBackendProvider();
        String why = p.unavailableReason();
        assumeTrue(why != null, "a GPU is usable here");
        assertOneSentence(why);
        assertEquals(why, p.unavailableReason(), "the probe is cached");
        DeviceUnavailable e = assertThrows(DeviceUnavailable.class, p::open);
        assertEquals(why, e.getMessage());
        List<String> lines = p.diagnostics();
        assertEquals("gpu: unavailable: " + why, lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains("kernels")), String.join("\n", lines));
    }

    @Test
    void onThisMachineWithoutDriverMarkersNoDriverIsReported() {
        String absent = GpuMarkers.absentReason();
        assumeTrue(absent != null, "this machine shows signs of an NVIDIA driver");
        assertOneSentence(absent);
        assertEquals(absent, new CudaBackendProvider().unavailableReason());
    }

    @Test
    void askingTheDriverDirectlyCatchesTheMissingLibcuda() {
        // Bypasses the file-system check, as GN4J_CUDA_PROBE=always does: JCuda's driver binding
        // cannot load without libcuda.so.1, and that LinkageError becomes a sentence.
        assumeTrue(GpuMarkers.absentReason() != null, "this machine shows signs of an NVIDIA driver");
        ProbeResult r = CudaProbe.run();
        assertFalse(r.available());
        assertOneSentence(r.reason());
        assertTrue(r.reason().contains("libcuda") || r.reason().contains("driver"), r.reason());
        // A second probe in the same JVM meets NoClassDefFoundError instead; still a sentence.
        ProbeResult again = CudaProbe.run();
        assertFalse(again.available());
        assertOneSentence(again.reason());
    }

    @Test
    void withAGpuDiagnosticsDescribeTheDevice() {
        CudaBackendProvider p = new CudaBackendProvider();
        assumeTrue(p.unavailableReason() == null, "no usable GPU here");
        List<String> lines = p.diagnostics();
        assertEquals("gpu: available (CUDA backend)", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains("compute capability")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("kernels: PTX from")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("cuBLAS")), String.join("\n", lines));
    }

    @Test
    void briefPicksTheSharedObjectLineOutOfANestedError() {
        UnsatisfiedLinkError inner = new UnsatisfiedLinkError(
                "/tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file: No such file or directory");
        UnsatisfiedLinkError outer = new UnsatisfiedLinkError("Error while loading native library \"JCudaDriver\"\nOperating system: Linux");
        outer.initCause(inner);
        String b = CudaProbe.brief(outer);
        assertTrue(b.contains("libcuda.so.1: cannot open shared object file"), b);
        assertOneSentence(b);
        assertEquals("plain", CudaProbe.brief(new RuntimeException("plain.\nsecond line")));
    }
}
