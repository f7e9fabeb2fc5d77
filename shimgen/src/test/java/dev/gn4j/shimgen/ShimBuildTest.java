package dev.gn4j.shimgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.nativelib.ElfFile;
import dev.gn4j.nativelib.ElfSymbol;
import dev.gn4j.nativelib.ElfVersionNeed;
import dev.gn4j.nativelib.ShimContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds shims with gcc against stand-in CUDA 13 libraries made here, and calls through them from a C program
 * linked the way JCuda's natives are: against the old soname and version node.
 */
class ShimBuildTest {
    static final String DRIVER = """
            #include <stdio.h>
            int cublasCreate_v2(void **handle);
            int cublasGetVersion_v2(void *handle, int *version);
            long cublasSgemm_v2(long, long, long, long, long, long, long, long, long, long, long, long, long, long);
            float cublasSdot(int n, const float *x, int incx, const float *y, int incy);
            int cublasRemovedInCuda13(void *handle);
            double cublasDnrm2(int n, const double *x, int incx);
            const char *gn4j_shim_report(void);
            int main(void) {
                void *h = 0;
                int version = 0;
                int st = cublasCreate_v2(&h);
                printf("create %d %p\\n", st, h);
                st = cublasGetVersion_v2(h, &version);
                printf("version %d %d\\n", st, version);
                printf("sgemm %ld\\n", cublasSgemm_v2(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14));
                printf("sdot %.2f\\n", cublasSdot(4, 0, 1, 0, 1));
                printf("removed %d\\n", cublasRemovedInCuda13(h));
                printf("removed %d\\n", cublasRemovedInCuda13(h));
                printf("dnrm2 %.2f\\n", cublasDnrm2(3, 0, 1));
                printf("report %s\\n", gn4j_shim_report());
                return 0;
            }
            """;

    static final List<String> SHIMMED = List.of("cublasCreate_v2", "cublasDnrm2", "cublasGetVersion_v2",
            "cublasRemovedInCuda13", "cublasSdot", "cublasSgemm_v2");

    /** Builds the stand-in into {@code dir}/cuda13/, the shim into {@code dir}/shim/ and the driver into {@code dir}. */
    static Path buildAll(Path dir) throws IOException {
        ShimCompiler gcc = NativeToolchain.assumeGcc();
        Path cuda13 = Files.createDirectories(dir.resolve("cuda13"));
        Files.writeString(cuda13.resolve("cublas13.map"), "libcublas.so.13 { global: cublas*; local: *; };\n");
        NativeToolchain.gcc(cuda13, "cublas13.c", NativeToolchain.STAND_IN_CUBLAS, "-shared", "-Wl,-soname,libcublas.so.13",
                "-Wl,--version-script=cublas13.map", "-o", "libcublas.so.13");
        ShimSources sources = ShimEmitter.emit(ShimEmitterTest.spec("libcublas.so.12", SHIMMED));
        gcc.build(sources, dir.resolve("src"), dir.resolve("shim"));
        NativeToolchain.gcc(dir, "driver.c", DRIVER, "-o", "driver", "-Lshim", "-l:libcublas.so.12");
        return cuda13;
    }

    @Test
    void callsReachTheCuda13LibraryAndMissingOnesReturnNotSupported(@TempDir Path dir) throws IOException {
        Path cuda13 = buildAll(dir);
        NativeToolchain.Result r = NativeToolchain.run(dir,
                Map.of("LD_LIBRARY_PATH", dir.resolve("shim").toString(), ShimContract.LIB_DIR_ENV, cuda13.toString()),
                List.of(), "./driver");

        assertEquals(0, r.exit(), r.all());
        assertTrue(r.stdout().contains("create 0 0x1234\n"), r.all());
        assertTrue(r.stdout().contains("version 0 130100\n"), "the handle made by the stand-in comes back: " + r.all());
        assertTrue(r.stdout().contains("sgemm 1015\n"), "all 14 arguments, stack ones included, arrive: " + r.all());
        assertTrue(r.stdout().contains("sdot 10.00\n"), "a float return value comes back: " + r.all());
        assertTrue(r.stdout().contains("removed 15\nremoved 15\n"), "CUBLAS_STATUS_NOT_SUPPORTED: " + r.all());
        assertTrue(r.stdout().contains("dnrm2 0.00\n"), "a missing float function reads 0: " + r.all());
        assertTrue(r.stdout().contains("report libcublas.so.12 -> " + cuda13.resolve("libcublas.so.13")
                + ": 4 of 6 symbols bound, 2 return CUBLAS_STATUS_NOT_SUPPORTED"), r.all());
        assertEquals(1, count(r.stderr(), "gn4j: cublasRemovedInCuda13 is not in libcublas.so.13; it returns "
                + "CUBLAS_STATUS_NOT_SUPPORTED (15)"), "reported once per symbol: " + r.stderr());
    }

    @Test
    void withoutTheCuda13LibraryEveryCallReturnsNotSupportedInsteadOfCrashing(@TempDir Path dir) throws IOException {
        buildAll(dir);
        NativeToolchain.Result r = NativeToolchain.run(dir, Map.of("LD_LIBRARY_PATH", dir.resolve("shim").toString()),
                List.of(ShimContract.LIB_DIR_ENV), "./driver");

        assertEquals(0, r.exit(), r.all());
        assertTrue(r.stdout().contains("create 15 "), r.all());
        assertTrue(r.stdout().contains("sgemm 15\n"), r.all());
        assertTrue(r.stdout().contains("report libcublas.so.12: libcublas.so.13 not loadable ("), r.all());
    }

    @Test
    void theShimHasTheOldSonameTheOldVersionNodeAndOnlyOldGlibcVersions(@TempDir Path dir) throws IOException {
        buildAll(dir);
        ElfFile shim = ElfFile.read(dir.resolve("shim/libcublas.so.12"));

        assertEquals("libcublas.so.12", shim.soname());
        assertEquals(List.of("libcublas.so.12", ShimEmitter.OWN_VERSION_NODE), shim.versionDefinitions());
        // The linker adds one absolute symbol per version node (named after it); the rest must be the shimmed
        // functions and the diagnostic gn4j_shim_report, nothing internal.
        List<ElfSymbol> functions = shim.exports().stream()
                .filter(s -> !shim.versionDefinitions().contains(s.name()) && !s.name().equals("gn4j_shim_report"))
                .toList();
        assertEquals(SHIMMED, functions.stream().map(ElfSymbol::name).sorted().toList());
        assertTrue(functions.stream().allMatch(s -> "libcublas.so.12".equals(s.version()) && s.type() == ElfSymbol.STT_FUNC));
        assertTrue(shim.exports().stream().anyMatch(s -> s.name().equals("gn4j_shim_report")
                && ShimEmitter.OWN_VERSION_NODE.equals(s.version())));
        assertTrue(shim.needed().contains("libdl.so.2"), "where glibc < 2.34 defines dlopen: " + shim.needed());
        assertFalse(shim.needed().stream().anyMatch(n -> n.startsWith("libcu")), "no CUDA library at link time");
        // JCuda's natives themselves need at most GLIBC_2.17; the shim must not raise that floor.
        for (ElfVersionNeed need : shim.versionNeeds()) {
            for (String v : need.versions()) {
                assertTrue(glibcAtMost(v, 2, 17), need.file() + " " + v);
            }
        }
        assertTrue(Files.size(dir.resolve("shim/libcublas.so.12")) < 64 * 1024);
    }

    static boolean glibcAtMost(String version, int major, int minor) {
        Matcher m = Pattern.compile("GLIBC_(\\d+)\\.(\\d+)(?:\\.\\d+)?").matcher(version);
        if (!m.matches()) {
            return true;
        }
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        return a < major || a == major && b <= minor;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
