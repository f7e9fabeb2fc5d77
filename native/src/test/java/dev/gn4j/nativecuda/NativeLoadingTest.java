package dev.gn4j.nativecuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.nativelib.ShimIndex;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The loading step over a fake machine: what is loaded, in which order, and what the report says. */
class NativeLoadingTest {
    private static final String DIR = "/usr/local/cuda-13.0/lib64/";

    private final List<String> loads = new ArrayList<>();
    private final List<Boolean> existedWhenLoaded = new ArrayList<>();
    private final Consumer<Path> recordingLoader = p -> {
        loads.add(p.getFileName().toString().startsWith("libcu") && p.startsWith("/usr") ? p.toString()
                : "shim:" + p.getFileName());
        existedWhenLoaded.add(p.startsWith("/usr") || Files.isRegularFile(p));
    };

    private static NativeLoadingFakeHost cuda13() {
        return new NativeLoadingFakeHost().library(DIR + "libcublasLt.so.13")
                .library(DIR + "libcublas.so.13", "libcublasLt.so.13")
                .library(DIR + "libcusolver.so.12", "libcublas.so.13");
    }

    private static Function<String, InputStream> shims(boolean withIndex) {
        Map<String, byte[]> res = new HashMap<>();
        if (withIndex) {
            res.put(ShimIndex.RESOURCE_DIR + ShimIndex.FILE_NAME, new ShimIndex("h", List.of(
                    new ShimIndex.Entry("libcublas.so.12", "libcublas.so.13", 649),
                    new ShimIndex.Entry("libcusolver.so.11", "libcusolver.so.12", 463),
                    new ShimIndex.Entry("libcusolverMg.so.11", "libcusolverMg.so.12", 19))).format()
                    .getBytes(StandardCharsets.UTF_8));
        }
        for (String s : List.of("libcublas.so.12", "libcusolver.so.11", "libcusolverMg.so.11")) {
            res.put(ShimIndex.RESOURCE_DIR + s, new byte[] {0x7f, 'E', 'L', 'F'});
        }
        return name -> res.containsKey(name) ? new ByteArrayInputStream(res.get(name)) : null;
    }

    @Test
    void cuda13LoadsTheLibrariesThenTheShimsAndReportsEach() {
        NativeLoadingReport r = NativeLoading.prepare(cuda13(), recordingLoader, shims(true));

        assertTrue(r.ready(), r.lines().toString());
        assertEquals(CudaLibraryPlan.Kind.CUDA13_SHIMS, r.kind());
        assertEquals(List.of(DIR + "libcublasLt.so.13", DIR + "libcublas.so.13", DIR + "libcusolver.so.12",
                "shim:libcublas.so.12", "shim:libcusolver.so.11", "shim:libcusolverMg.so.11"), loads);
        assertTrue(existedWhenLoaded.stream().allMatch(b -> b), "each shim is extracted before it is loaded");
        assertEquals(List.of(
                "CUDA libraries: CUDA 13 libraries from /usr/local/cuda-13.0/lib64 (CUDA toolkit); JCuda 12.6 reaches them"
                        + " through gn4j's CUDA 13 shims",
                "  loaded " + DIR + "libcublasLt.so.13 (CUDA toolkit)",
                "  loaded " + DIR + "libcublas.so.13 (CUDA toolkit)",
                "  loaded " + DIR + "libcusolver.so.12 (CUDA toolkit)",
                "  shim libcublas.so.12 -> libcublas.so.13 (649 symbols)",
                "  shim libcusolver.so.11 -> libcusolver.so.12 (463 symbols)",
                "  shim libcusolverMg.so.11 -> libcusolverMg.so.12 (19 symbols); libcusolverMg.so.12 not found, so its"
                        + " functions return NOT_SUPPORTED"), r.lines());
    }

    @Test
    void cuda12OnTheLinkersPathLoadsNothing() {
        NativeLoadingReport r = NativeLoading.prepare(new NativeLoadingFakeHost()
                .ldconfig("/usr/lib/x86_64-linux-gnu/libcublas.so.12", "/usr/lib/x86_64-linux-gnu/libcusolver.so.11"),
                recordingLoader, shims(true));
        assertTrue(r.ready());
        assertEquals(CudaLibraryPlan.Kind.CUDA12_SYSTEM, r.kind());
        assertTrue(loads.isEmpty());
        assertEquals(1, r.lines().size());
    }

    @Test
    void nothingFoundIsAReasonNotAnException() {
        NativeLoadingReport r = NativeLoading.prepare(new NativeLoadingFakeHost(), recordingLoader, shims(true));
        assertFalse(r.ready());
        assertEquals(CudaLibraryPlan.Kind.NOT_FOUND, r.kind());
        assertTrue(r.summary().startsWith("CUDA libraries: no libcublas.so.12 or libcublas.so.13 in "), r.summary());
        assertTrue(loads.isEmpty());
    }

    @Test
    void aBuildWithoutShimsSaysSoAfterLoadingTheCuda13Libraries() {
        NativeLoadingReport r = NativeLoading.prepare(cuda13(), recordingLoader, shims(false));
        assertFalse(r.ready());
        assertEquals(3, loads.size());
        assertTrue(r.lines().get(r.lines().size() - 1).contains("this gn4j build has no CUDA 13 shims (gcc was not"
                + " available when gn4j-native was built)"), r.lines().toString());
    }

    @Test
    void aLibraryThatFailsToLoadStopsTheSequenceWithItsMessage() {
        Consumer<Path> failing = p -> {
            if (p.toString().endsWith("libcublas.so.13")) {
                throw new UnsatisfiedLinkError(p + ": libcublasLt.so.13: cannot open shared object file");
            }
            loads.add(p.toString());
        };
        NativeLoadingReport r = NativeLoading.prepare(cuda13(), failing, shims(true));
        assertFalse(r.ready());
        assertEquals(List.of(DIR + "libcublasLt.so.13"), loads, "nothing after the failure, no shim");
        assertEquals("  could not load " + DIR + "libcublas.so.13: " + DIR
                + "libcublas.so.13: libcublasLt.so.13: cannot open shared object file", r.lines().get(r.lines().size() - 1));
    }

    @Test
    void reportBeforePrepareSaysNothingWasSearched() {
        // prepare() itself is not called here: on a CUDA host it would load real libraries into the test JVM.
        List<String> lines = NativeLoading.report();
        assertFalse(lines.isEmpty());
        assertTrue(lines.get(0).startsWith("CUDA libraries: "), lines.toString());
    }
}
