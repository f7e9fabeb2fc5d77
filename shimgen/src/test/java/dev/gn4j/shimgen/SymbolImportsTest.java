package dev.gn4j.shimgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.nativelib.ElfFile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SymbolImportsTest {

    @Test
    void theJcudaNativesImportFromFourCudaLibrariesOfWhichThreeAreShimmed() throws IOException {
        Map<String, ElfFile> natives = NativeToolchain.assumeJcudaNatives();
        Map<String, ImportedLibrary> bySoname = SymbolImports.collect(natives.values()).stream()
                .collect(Collectors.toMap(ImportedLibrary::soname, Function.identity()));

        ImportedLibrary cublas = bySoname.get("libcublas.so.12");
        assertEquals("libcublas.so.12", cublas.versionNode());
        assertEquals(List.of("libJCublas-12.6.0-linux-x86_64.so", "libJCublas2-12.6.0-linux-x86_64.so"), cublas.importers());
        // JCublas2 (494) and the legacy JCublas (163) together: 649 distinct functions.
        assertEquals(649, cublas.symbols().size());
        assertTrue(cublas.symbols().containsAll(List.of("cublasSgemm_v2", "cublasDsyrk_v2", "cublasCreate_v2",
                "cublasSetStream_v2", "cublasSgemm")));

        ImportedLibrary cusolver = bySoname.get("libcusolver.so.11");
        assertEquals(463, cusolver.symbols().size());
        assertTrue(cusolver.symbols().containsAll(List.of("cusolverDnSpotrf", "cusolverDnDpotrs", "cusolverDnSetStream",
                "cusolverDnPotrf")), "typed, and the generic functions CUDA 13 removed");
        assertEquals(19, bySoname.get("libcusolverMg.so.11").symbols().size());

        List<ShimSpec> specs = SymbolImports.shimSpecs(natives.values());
        assertEquals(List.of("libcublas.so.12", "libcusolver.so.11", "libcusolverMg.so.11"),
                specs.stream().map(ShimSpec::soname).toList());
        assertEquals(List.of(15, 9, 9), specs.stream().map(s -> s.target().notSupportedStatus()).toList());
        assertEquals(List.of("libcublas.so.13", "libcusolver.so.12", "libcusolverMg.so.12"),
                specs.stream().map(s -> s.target().newSoname()).toList());
        assertTrue(bySoname.keySet().stream().filter(s -> s.startsWith("GLIBC") || s.startsWith("libc.")).count() >= 1,
                "glibc imports are collected too but get no shim: " + bySoname.keySet());
    }

    @Test
    void notSupportedStatusesAreTheHeadersValues() {
        // cublas_api.h: CUBLAS_STATUS_NOT_SUPPORTED = 15; cusolver_common.h: CUSOLVER_STATUS_NOT_SUPPORTED = 9
        // (7 is CUSOLVER_STATUS_INTERNAL_ERROR). JCuda's constants classes mirror the headers.
        assertEquals(15, ShimTarget.forOldSoname("libcublas.so.12").orElseThrow().notSupportedStatus());
        assertEquals(9, ShimTarget.forOldSoname("libcusolver.so.11").orElseThrow().notSupportedStatus());
        assertEquals(9, ShimTarget.forOldSoname("libcusolverMg.so.11").orElseThrow().notSupportedStatus());
        assertTrue(ShimTarget.forOldSoname("libcuda.so.1").isEmpty(), "the driver is never shimmed");
    }
}
