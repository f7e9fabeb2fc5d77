package dev.gn4j.shimgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShimEmitterTest {
    static ShimSpec spec(String oldSoname, List<String> symbols) {
        return new ShimSpec(ShimTarget.forOldSoname(oldSoname).orElseThrow(),
                new ImportedLibrary(oldSoname, oldSoname, symbols, List.of("libJTest.so")));
    }

    @Test
    void oneTrampolinePerSymbolThroughItsSlot() {
        ShimSources s = ShimEmitter.emit(spec("libcublas.so.12", List.of("cublasCreate_v2", "cublasSgemm_v2")));
        assertEquals("libcublas.so.12", s.soname());
        assertTrue(s.assembly().contains("cublasSgemm_v2:\n\tjmp *gn4j_shim_slots+8(%rip)\n"), s.assembly());
        assertTrue(s.assembly().contains("cublasCreate_v2:\n\tjmp *gn4j_shim_slots+0(%rip)\n"));
        assertTrue(s.assembly().contains("\t.quad .Lmissing_1\t/* cublasSgemm_v2 */"), "slots start at their stubs");
        assertTrue(s.assembly().contains(".section .note.GNU-stack"), "no executable stack");
        assertTrue(s.assembly().contains("pxor %xmm0, %xmm0"), "stubs clear the float return register");
    }

    @Test
    void theVersionScriptDefinesTheOldNodeAndHidesEverythingElse() {
        String map = ShimEmitter.emit(spec("libcublas.so.12", List.of("cublasCreate_v2", "cublasSgemm_v2"))).versionScript();
        assertTrue(map.contains("libcublas.so.12 {\n  global:\n    cublasCreate_v2;\n    cublasSgemm_v2;\n  local:\n    *;\n};"), map);
        assertTrue(map.contains("GN4J_SHIM_1 {\n  global:\n    gn4j_shim_report;\n};"), map);
    }

    @Test
    void theConstructorOpensTheCuda13LibraryAndReturnsTheLibrarysNotSupportedStatus() {
        String cublas = ShimEmitter.emit(spec("libcublas.so.12", List.of("cublasCreate_v2"))).constructor();
        assertTrue(cublas.contains("#define TARGET_SONAME \"libcublas.so.13\""));
        assertTrue(cublas.contains("#define NOT_SUPPORTED 15"));
        assertTrue(cublas.contains("#define LIB_DIR_ENV \"GN4J_CUDA_LIB_DIR\""));
        assertTrue(cublas.contains("__attribute__((constructor))"));
        assertTrue(cublas.contains("\"cublasCreate_v2\",\n"));
        String cusolver = ShimEmitter.emit(spec("libcusolver.so.11", List.of("cusolverDnCreate"))).constructor();
        assertTrue(cusolver.contains("#define TARGET_SONAME \"libcusolver.so.12\""));
        assertTrue(cusolver.contains("#define NOT_SUPPORTED 9"));
        assertTrue(cusolver.contains("#define STATUS_NAME \"CUSOLVER_STATUS_NOT_SUPPORTED\""));
    }

    @Test
    void refusesNamesThatAreNotCIdentifiersAndEmptyLists() {
        assertThrows(IllegalArgumentException.class,
                () -> ShimEmitter.emit(spec("libcublas.so.12", List.of("cublas\"; system(\"x"))));
        assertThrows(IllegalArgumentException.class, () -> ShimEmitter.emit(spec("libcublas.so.12", List.of())));
    }
}
