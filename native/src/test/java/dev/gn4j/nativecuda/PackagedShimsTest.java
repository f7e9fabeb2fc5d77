package dev.gn4j.nativecuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gn4j.nativelib.ShimIndex;
import dev.gn4j.shimgen.NativeToolchain;
import dev.gn4j.shimgen.ShimGenerator;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NativeLoading.prepare() in a fresh JVM, with the shims this build packaged (target/classes), stand-in CUDA 13
 * libraries in a folder named by GN4J_CUDA_LIB_DIR, then JCublas2 and JCusolverDn calls: what a CUDA 13 host
 * does, minus the GPU. The child runs without gn4j-shimgen, which the tests have on their class path only to
 * build the stand-ins, so it shows that the runtime needs nothing of the generator.
 */
class PackagedShimsTest {

    @Test
    void jcublas2AndJcusolverCallsReachStandInCuda13LibrariesThroughThePackagedShims(@TempDir Path dir) throws IOException {
        NativeToolchain.assumeGcc();
        NativeToolchain.assumeJcudaNatives();
        assumeTrue(getClass().getClassLoader().getResource(ShimIndex.RESOURCE_DIR + ShimIndex.FILE_NAME) != null,
                "needs the shims packaged by the cuda13-shims build profile in target/classes");
        Path cuda13 = Files.createDirectories(dir.resolve("cuda13"));
        // Dependencies as in CUDA 13: cuBLAS needs cuBLASLt, cuSOLVER needs cuBLAS. The folder is on no linker
        // path, so these load only if NativeLoading loads them dependencies first.
        NativeToolchain.gcc(cuda13, "lt.c", "int cublasLtCreate(void **h) { *h = 0; return 0; }\n", "-shared",
                "-Wl,-soname,libcublasLt.so.13", "-o", "libcublasLt.so.13");
        NativeToolchain.gcc(cuda13, "cublas.c", NativeToolchain.STAND_IN_CUBLAS, "-shared", "-Wl,-soname,libcublas.so.13",
                "-o", "libcublas.so.13", "-L.", "-l:libcublasLt.so.13");
        NativeToolchain.gcc(cuda13, "cusolver.c", """
                int cusolverDnCreate(void **handle) { *handle = (void *) 0x5678; return 0; }
                int cusolverDnDestroy(void *handle) { return handle == (void *) 0x5678 ? 0 : 3; }
                """, "-shared", "-Wl,-soname,libcusolver.so.12", "-o", "libcusolver.so.12", "-L.", "-l:libcublas.so.13");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        NativeToolchain.Result r = NativeToolchain.run(dir,
                Map.of("GN4J_CUDA_LIB_DIR", cuda13.toString()), List.of("LD_LIBRARY_PATH"),
                java, "-Djava.io.tmpdir=" + dir, "-cp", withoutTheGenerator(System.getProperty("java.class.path")),
                ShimJvmProbe.class.getName());

        assertEquals(0, r.exit(), r.all());
        String out = r.stdout();
        assertTrue(out.contains("CUDA libraries: CUDA 13 libraries from " + cuda13 + " (GN4J_CUDA_LIB_DIR)"), out);
        assertTrue(out.indexOf("loaded " + cuda13.resolve("libcublasLt.so.13")) < out.indexOf("loaded " + cuda13.resolve("libcublas.so.13"))
                && out.indexOf("loaded " + cuda13.resolve("libcublas.so.13")) < out.indexOf("loaded " + cuda13.resolve("libcusolver.so.12")),
                "dependencies first: " + out);
        assertTrue(out.contains("shim libcublas.so.12 -> libcublas.so.13 (649 symbols)"), out);
        assertTrue(out.contains("shim libcusolverMg.so.11 -> libcusolverMg.so.12 (19 symbols); libcusolverMg.so.12 not found"), out);
        assertTrue(out.contains("generator on the class path: false"), out);
        assertTrue(out.contains("ready true CUDA13_SHIMS"), out);
        assertTrue(out.contains("cublasCreate 0\n"), out);
        assertTrue(out.contains("cublasGetVersion 0 130100\n"), "JCublas2 -> shim -> stand-in and back: " + out);
        assertTrue(out.contains("cublasSetMathMode 15\n"), "absent from the stand-in: CUBLAS_STATUS_NOT_SUPPORTED: " + out);
        assertTrue(out.contains("cusolverDnCreate 0\n"), out);
        assertTrue(out.contains("cusolverDnSpotrf_bufferSize 9\n"), "CUSOLVER_STATUS_NOT_SUPPORTED: " + out);
        assertTrue(out.contains("cusolverDnDestroy 0\n"), "the handle made by the stand-in comes back: " + out);
        assertTrue(out.contains("exception CUBLAS_STATUS_NOT_SUPPORTED"), out);
        assertTrue(r.stderr().contains("gn4j: cublasSetMathMode is not in libcublas.so.13"), r.stderr());
    }

    /** {@code classPath} without the entries holding gn4j-shimgen's classes and its test helpers. */
    static String withoutTheGenerator(String classPath) {
        Set<Path> generator = Set.of(codeSource(ShimGenerator.class), codeSource(NativeToolchain.class));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(e -> !e.isBlank() && !generator.contains(Path.of(e).toAbsolutePath().normalize()))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Path codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
