package dev.gn4j.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.cpu.CpuBackend;
import dev.gn4j.engine.curvature.SolverKind;
import dev.gn4j.engine.curvature.SolverPlan;
import dev.gn4j.engine.curvature.SolverSettings;
import dev.gn4j.engine.memory.InsufficientMemory;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import dev.gn4j.engine.optim.Method;
import dev.gn4j.engine.optim.OptimizerConfig;
import org.junit.jupiter.api.Test;

/**
 * A CPU matrix is one NIO buffer of at most 2³¹ − 1 bytes, however much memory the machine has: a
 * float64 K of m ≥ 16,384 rows cannot be allocated there, so it is never planned and, when asked
 * for, refused before anything is allocated.
 */
class MatrixSizeLimitTest {
    private static final long CPU = new CpuBackend().maxMatrixBytes();
    /** 10 classes at batch 2,000: m = 18,000 rows, a float64 K of 2.4 GiB; P = 23,562, so U is 3.2 GiB. */
    private static final int BATCH = 2000;
    private final Mlp mlp = Mlp.parse("1024-tanh", 12, 10);

    private static OptimizerConfig egn(SolverKind kind) {
        return OptimizerConfig.of(Method.EGN).withSolver(SolverSettings.DEFAULT.withKind(kind));
    }

    @Test
    void theCpuHoldsOneBufferOfAnIntOfBytes() {
        assertEquals(Integer.MAX_VALUE, CPU);
        // What the bench found at m = 16,384: 2³¹ bytes of float64 is one element more than a buffer holds.
        CpuBackend be = new CpuBackend();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> be.zeros(16_384, 16_384, DType.F64));
        assertTrue(e.getMessage().contains("2^31-1 bytes"), e.getMessage());
    }

    @Test
    void autoNeverPlansAKLargerThanAMatrixMayBeWhateverTheMemory() {
        SolverPlan plan = MemoryPlan.planSolver(mlp, BATCH, Loss.CE, egn(SolverKind.AUTO), DType.F32, Long.MAX_VALUE, CPU);
        assertEquals(SolverKind.CG, plan.kind(), plan.reason());
        assertEquals(null, plan.direct(), "no turn to a K, or a U, that cannot be allocated: " + plan.reason());
        assertTrue(plan.reason().contains("more than one matrix on this device holds (2.0 GiB)"), plan.reason());
        // With no such cap (a GPU's matrices are addressed by long), the same system may turn to K.
        SolverPlan uncapped = MemoryPlan.planSolver(mlp, BATCH, Loss.CE, egn(SolverKind.AUTO), DType.F32, Long.MAX_VALUE,
                Long.MAX_VALUE);
        assertEquals(SolverKind.CHOLESKY, uncapped.direct(), uncapped.reason());
    }

    @Test
    void choleskyAskedForSuchAKIsRefusedWithTheSizesAndTheWayOut() {
        MemoryPlan plan = MemoryPlan.of(mlp, BATCH, Loss.CE, egn(SolverKind.CHOLESKY), DType.F32);
        assertEquals(18_000L * 18_000 * 8, plan.largestMatrix(), "K in float64 (m ≥ 512)");
        InsufficientMemory e = assertThrows(InsufficientMemory.class,
                () -> plan.requireFits(Long.MAX_VALUE, CPU, "1024-tanh", BATCH));
        assertTrue(e.getMessage().contains("K (m × m) of 2.4 GiB (2,592,000,000 bytes), more than the 2,147,483,647 bytes one matrix") && e.getMessage().contains("--solver cg"),
                e.getMessage());
        // Conjugate gradients hold vectors only: the same batch passes the check.
        MemoryPlan.of(mlp, BATCH, Loss.CE, egn(SolverKind.CG), DType.F32).requireFits(Long.MAX_VALUE, CPU, "1024-tanh", BATCH);
    }

    @Test
    void aParameterSpaceSystemPastTheCapIsRefusedNamingIt() {
        // P = 52,010: UᵀU alone is 20 GiB of float64.
        Mlp wide = Mlp.parse("4000-tanh", 2, 10);
        MemoryPlan asked = MemoryPlan.of(wide, 8, Loss.CE, egn(SolverKind.PARAM), DType.F64);
        InsufficientMemory e = assertThrows(InsufficientMemory.class, () -> asked.requireFits(Long.MAX_VALUE, CPU, "4000-tanh", 8));
        assertTrue(e.getMessage().contains("UᵀU (P × P)"), e.getMessage());
    }
}
