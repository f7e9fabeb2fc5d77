package dev.gn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.ShapeMismatch;
import dev.gn4j.engine.backend.cpu.CpuBackend;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A backend shape contract broken by gn4j itself is an internal error (exit 1), not a usage error to fix with a flag. */
class InternalErrorTest {
    @CommandLine.Command(name = "misshape")
    static final class Misshape implements Runnable {
        @Override
        public void run() {
            try (CpuBackend be = new CpuBackend()) {
                be.gemm(false, false, 1, be.zeros(2, 3, DType.F64), be.zeros(4, 2, DType.F64), 0, be.zeros(2, 2, DType.F64));
            }
        }
    }

    @Test
    void aBrokenShapeContractIsExitOneAndAsksForABugReport() {
        try (CpuBackend be = new CpuBackend()) {
            assertThrows(ShapeMismatch.class, () -> be.rowDot(be.zeros(6, 3, DType.F64), be.zeros(2, 2, DType.F64), 3,
                    be.zeros(6, 1, DType.F64)));
        }
        CliRunner r = CliRunner.runWith(new Misshape(), "misshape");
        String e = r.err();
        int code = r.code();
        assertEquals(1, code, e);
        assertTrue(e.startsWith("gn4j: internal error (a backend shape contract): gemm: shapes 2x3 · 4x2 → 2x2")
                && e.contains("please report it"), e);
    }
}
