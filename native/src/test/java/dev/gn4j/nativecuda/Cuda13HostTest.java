package dev.gn4j.nativecuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gn4j.nativelib.ShimContract;
import dev.gn4j.nativelib.ShimIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a GPU host with CUDA 13's cuBLAS and cuSOLVER
 * (`./mvnw -B -Pgpu test -pl native -am -Dtest=Cuda13HostTest -Dsurefire.failIfNoSpecifiedTests=false`):
 * JCuda 12.6 through the packaged shims to the real libraries, forced with GN4J_CUDA_LIB_DIR even where CUDA 12
 * is installed too. Prints the shim's own account (GN4J_SHIM_VERBOSE), including every symbol CUDA 13 lacks.
 */
@Tag("gpu")
class Cuda13HostTest {

    @Test
    void gemmAndCholeskyThroughTheShimsOnTheRealCuda13Libraries(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(ShimContract.isLinuxX8664(), "Linux x86-64 only");
        assumeTrue(Files.exists(Path.of("/dev/nvidiactl")) || Files.exists(Path.of("/proc/driver/nvidia/version")),
                "needs an NVIDIA driver");
        assumeTrue(getClass().getClassLoader().getResource(ShimIndex.RESOURCE_DIR + ShimIndex.FILE_NAME) != null,
                "needs the shims packaged by the cuda13-shims build profile");
        Optional<CudaLibraryLocation> cuda13 = CudaLibrarySearch.locations(NativeLoadingSystemHost.INSTANCE).stream()
                .filter(l -> Files.isRegularFile(l.dir().resolve("libcublas.so.13"))).findFirst();
        assumeTrue(cuda13.isPresent(), "needs libcublas.so.13 somewhere in the CUDA library search path");

        // Run here rather than through gn4j-shimgen's NativeToolchain: a GPU session runs this test from
        // gn4j-native's test classes and the bundle's jars alone (bench/gpu-one-call.sh).
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"),
                Cuda13HostProbe.class.getName()).directory(dir.toFile());
        pb.environment().putAll(Map.of(ShimContract.LIB_DIR_ENV, cuda13.get().dir().toString(), "GN4J_SHIM_VERBOSE", "1"));
        // Files, not pipes: the probe's stderr (the shims' verbose report) must not block its stdout.
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the probe timed out");
        }
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        String all = stdout + stderr;
        System.out.println(stdout);
        System.out.println(stderr);

        assertEquals(0, p.exitValue(), all);
        assertTrue(stdout.contains("ready true CUDA13_SHIMS"), all);
        assertTrue(stdout.contains("sgemm [2.0, 6.0, 4.0, 8.0]"), all);
        assertTrue(stdout.contains("dpotrf info 0 L 2.0 1.0 1.414213562373095"), all);
        assertTrue(stderr.contains("gn4j: libcublas.so.12 -> "), "the shim's constructor report: " + stderr);
        assertTrue(stderr.contains("gn4j: libcusolver.so.11 -> "), stderr);
    }
}
