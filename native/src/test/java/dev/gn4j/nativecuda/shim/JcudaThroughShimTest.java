package dev.gn4j.nativecuda.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real JCuda 12.6 natives against generated shims and stand-in CUDA 13 libraries: what a CUDA 13 host
 * does, minus the GPU. Needs gcc and the JCuda natives on the test class path.
 */
class JcudaThroughShimTest {
    static final String DLOPEN = """
            #include <dlfcn.h>
            #include <stdio.h>
            int main(int argc, char **argv) {
                for (int i = 1; i < argc; i++) {
                    if (dlopen(argv[i], RTLD_NOW | RTLD_LOCAL) == NULL) {
                        printf("FAIL %s\\n", dlerror());
                        return 1;
                    }
                    printf("OK %s\\n", argv[i]);
                }
                return 0;
            }
            """;

    @Test
    void everyImportOfTheJcudaNativesResolvesAgainstTheShimsAndOnlyThroughThem(@TempDir Path dir) throws IOException {
        ShimCompiler gcc = NativeToolchain.assumeGcc();
        NativeToolchain.assumeJcudaNatives();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Optional<ShimIndex> index = ShimGenerator.generate(JcudaNatives.entries(System.getProperty("java.class.path")),
                dir.resolve("shims"), dir.resolve("src"), Optional.of(gcc), new PrintStream(log, true));
        assertTrue(index.isPresent(), log.toString());
        assertEquals(List.of(new ShimIndex.Entry("libcublas.so.12", "libcublas.so.13", 649),
                new ShimIndex.Entry("libcusolver.so.11", "libcusolver.so.12", 463),
                new ShimIndex.Entry("libcusolverMg.so.11", "libcusolverMg.so.12", 19)), index.get().entries());
        long total = 0;
        for (ShimIndex.Entry e : index.get().entries()) {
            total += Files.size(dir.resolve("shims").resolve(e.soname()));
        }
        assertTrue(total < 512 * 1024, "a few hundred KB: " + total);

        Map<String, Path> natives = NativeToolchain.extractJcudaNatives(dir);
        NativeToolchain.gcc(dir, "dl.c", DLOPEN, "-o", "dl", "-ldl");
        List<String> cmd = new ArrayList<>(List.of("./dl"));
        natives.values().forEach(p -> cmd.add(p.toString()));

        // RTLD_NOW: every one of the 1131 versioned imports must bind, or dlopen fails.
        NativeToolchain.Result ok = NativeToolchain.run(dir,
                Map.of("LD_LIBRARY_PATH", dir.resolve("shims").toString()), List.of(), cmd.toArray(String[]::new));
        assertEquals(0, ok.exit(), ok.all());
        assertEquals(3, ok.stdout().lines().filter(l -> l.startsWith("OK ")).count(), ok.all());

        // Without the shims, as on a CUDA 13 host: libcublas.so.12 is simply absent.
        NativeToolchain.Result absent = NativeToolchain.run(dir, Map.of("LD_LIBRARY_PATH", dir.resolve("none").toString()),
                List.of(), cmd.toArray(String[]::new));
        assertTrue(absent.stdout().contains("libcublas.so.12: cannot open shared object file"), absent.all());

        // And why a symlink is not enough: libcublas.so.13 defines its own version node, not libcublas.so.12.
        Path fake = Files.createDirectories(dir.resolve("symlinked"));
        Files.writeString(fake.resolve("c13.map"), "libcublas.so.13 { global: cublas*; local: *; };\n");
        NativeToolchain.gcc(fake, "c13.c", ShimBuildTest.STAND_IN_CUBLAS, "-shared", "-Wl,-soname,libcublas.so.13",
                "-Wl,--version-script=c13.map", "-o", "libcublas.so.13");
        Files.createSymbolicLink(fake.resolve("libcublas.so.12"), fake.resolve("libcublas.so.13"));
        NativeToolchain.Result symlink = NativeToolchain.run(dir, Map.of("LD_LIBRARY_PATH", fake.toString()), List.of(),
                "./dl", natives.get(natives.keySet().stream().filter(k -> k.contains("JCublas2")).findFirst().orElseThrow())
                        .toString());
        assertTrue(symlink.stdout().contains("version `libcublas.so.12' not found"), symlink.all());
    }

    /**
     * NativeLoading.prepare() in a fresh JVM, with the shims this build packaged (target/classes), stand-in
     * CUDA 13 libraries in a folder named by GN4J_CUDA_LIB_DIR, then JCublas2 and JCusolverDn calls.
     */
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
        NativeToolchain.gcc(cuda13, "cublas.c", ShimBuildTest.STAND_IN_CUBLAS, "-shared", "-Wl,-soname,libcublas.so.13",
                "-o", "libcublas.so.13", "-L.", "-l:libcublasLt.so.13");
        NativeToolchain.gcc(cuda13, "cusolver.c", """
                int cusolverDnCreate(void **handle) { *handle = (void *) 0x5678; return 0; }
                int cusolverDnDestroy(void *handle) { return handle == (void *) 0x5678 ? 0 : 3; }
                """, "-shared", "-Wl,-soname,libcusolver.so.12", "-o", "libcusolver.so.12", "-L.", "-l:libcublas.so.13");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        NativeToolchain.Result r = NativeToolchain.run(dir,
                Map.of("GN4J_CUDA_LIB_DIR", cuda13.toString()), List.of("LD_LIBRARY_PATH"),
                java, "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"),
                ShimJvmProbe.class.getName());

        assertEquals(0, r.exit(), r.all());
        String out = r.stdout();
        assertTrue(out.contains("CUDA libraries: CUDA 13 libraries from " + cuda13 + " (GN4J_CUDA_LIB_DIR)"), out);
        assertTrue(out.indexOf("loaded " + cuda13.resolve("libcublasLt.so.13")) < out.indexOf("loaded " + cuda13.resolve("libcublas.so.13"))
                && out.indexOf("loaded " + cuda13.resolve("libcublas.so.13")) < out.indexOf("loaded " + cuda13.resolve("libcusolver.so.12")),
                "dependencies first: " + out);
        assertTrue(out.contains("shim libcublas.so.12 -> libcublas.so.13 (649 symbols)"), out);
        assertTrue(out.contains("shim libcusolverMg.so.11 -> libcusolverMg.so.12 (19 symbols); libcusolverMg.so.12 not found"), out);
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
}
