package dev.gn4j.nativecuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md: "a machine without a GPU never loads a CUDA class". A child JVM runs the
 * `--device auto` path with class-load logging; not one jcuda class may appear, and it must
 * end on the CPU backend. Only meaningful where there is no driver, so skipped elsewhere.
 */
class CpuPathLoadsNoJcudaTest {

    @Test
    void deviceAutoWithoutAGpuLoadsNoJcudaClass() throws Exception {
        assumeTrue(GpuMarkers.absentReason() != null, "this machine shows signs of an NVIDIA driver");
        assumeTrue(System.getenv("GN4J_CUDA_PROBE") == null, "GN4J_CUDA_PROBE forces the driver probe");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"),
                CpuPathProbeMain.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("backend=cpu"), out);
        assertTrue(out.contains("reason=" + GpuMarkers.absentReason()), out);
        List<String> jcuda = out.lines().filter(l -> l.contains("[class,load]") && l.contains(" jcuda.")).toList();
        assertTrue(jcuda.isEmpty(), "JCuda classes loaded on the CPU path: " + jcuda);
        assertTrue(out.lines().anyMatch(l -> l.contains("[class,load] dev.gn4j.nativecuda.CudaBackendProvider")),
                "the child did not even look at the CUDA provider");
    }
}
