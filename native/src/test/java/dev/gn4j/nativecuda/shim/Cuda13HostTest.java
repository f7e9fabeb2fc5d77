package dev.gn4j.nativecuda.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gn4j.nativecuda.CudaLibraryLocation;
import dev.gn4j.nativecuda.CudaLibrarySearch;
import dev.gn4j.nativecuda.NativeLoadingSystemHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a GPU host with CUDA 13's cuBLAS and cuSOLVER (`./mvnw -B -Pgpu test -pl native -Dtest=Cuda13HostTest`):
 * JCuda 12.6 through the packaged shims to the real libraries, forced with GN4J_CUDA_LIB_DIR even where CUDA 12
 * is installed too. Prints the shim's own account (GN4J_SHIM_VERBOSE), including every symbol CUDA 13 lacks.
 */
@Tag("gpu")
class Cuda13HostTest {

    @Test
    void gemmAndCholeskyThroughTheShimsOnTheRealCuda13Libraries(@TempDir Path dir) throws IOException {
        assumeTrue(ShimCompiler.isLinuxX8664(), "Linux x86-64 only");
        assumeTrue(Files.exists(Path.of("/dev/nvidiactl")) || Files.exists(Path.of("/proc/driver/nvidia/version")),
                "needs an NVIDIA driver");
        assumeTrue(getClass().getClassLoader().getResource(ShimIndex.RESOURCE_DIR + ShimIndex.FILE_NAME) != null,
                "needs the shims packaged by the cuda13-shims build profile");
        Optional<CudaLibraryLocation> cuda13 = CudaLibrarySearch.locations(NativeLoadingSystemHost.INSTANCE).stream()
                .filter(l -> Files.isRegularFile(l.dir().resolve("libcublas.so.13"))).findFirst();
        assumeTrue(cuda13.isPresent(), "needs libcublas.so.13 somewhere in the CUDA library search path");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        NativeToolchain.Result r = NativeToolchain.run(dir,
                Map.of("GN4J_CUDA_LIB_DIR", cuda13.get().dir().toString(), "GN4J_SHIM_VERBOSE", "1"), List.of(),
                java, "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"),
                Cuda13HostProbe.class.getName());
        System.out.println(r.stdout());
        System.out.println(r.stderr());

        assertEquals(0, r.exit(), r.all());
        assertTrue(r.stdout().contains("ready true CUDA13_SHIMS"), r.all());
        assertTrue(r.stdout().contains("sgemm [2.0, 6.0, 4.0, 8.0]"), r.all());
        assertTrue(r.stdout().contains("dpotrf info 0 L 2.0 1.0 1.414213562373095"), r.all());
        assertTrue(r.stderr().contains("gn4j: libcublas.so.12 -> "), "the shim's constructor report: " + r.stderr());
        assertTrue(r.stderr().contains("gn4j: libcusolver.so.11 -> "), r.stderr());
    }
}
