package dev.gn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.cpu.CpuBackend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.profile.Phase;
import org.junit.jupiter.api.Test;

/**
 * The counts of real steps against counts done by hand from the shapes, phase by phase (the
 * conventions of {@link KernelCosts}), and against docs/cpu-step-timing.md's count of one
 * EGN step.
 */
class CountingBackendTest {
    private static final Backend CPU = new CpuBackend();
    /** 3-4-2 (tanh), batch 2: c = 2, P = 3·4 + 4 + 4·2 + 2 = 26. */
    private static StepCost tiny(String optimizer, Loss loss, DType dtype, GramMode gram) {
        return count(new BenchConfig("cpu", optimizer, 2, "4-tanh", 3, 2, loss, dtype, gram, false));
    }

    private static StepCost count(BenchConfig cfg) {
        ConfigRunner.Cell cell = new ConfigRunner(1, 0, 2, 1).open(CPU, cfg);
        cell.warmUp();
        return cell.cost();
    }

    @Test
    void tinyEgnCrossEntropyFactoredByHand() {
        StepCost cost = tiny("egn", Loss.CE, DType.F64, GramMode.FACTORED);
        // forward: GEMM 2×4×3 (48) + bias 8 + tanh 8; GEMM 2×2×4 (32) + bias 4: 100 flops,
        // (6+12+8)·8 + (16+4)·8 + 16·8 + (8+8+4)·8 + (8+2)·8 = 736 bytes. ce writes p and g (2·4 elements)
        // from f (4) and the labels (2): 8 flops, (3·4 + 2)·8 bytes.
        assertEquals(new Cost(100 + 8, 736 + 112), cost.phase(Phase.FORWARD));
        // vjp: top weight GEMM 2·2·4·2 = 32, bias sums 4, GEMM down 32, σ' 8; layer 0: GEMM 2·4·3·2 = 48, sums 8;
        // then the scal by 1/b of 26. Bytes 160+48+160+192+208+96 = 864, and 2·26·8 = 416 for the scal.
        assertEquals(new Cost(132 + 26, 864 + 416), cost.phase(Phase.BACKWARD));

        // The Q-factor has c − 1 = 1 row a sample: m = 2 rows. It writes m·c = 4 elements at 2 flops; reads p (4).
        assertEquals(new Cost(8, 64), cost.op(Phase.GRAM, "softmaxQFactor"));
        // rows backprop: GEMM 2×4×2 = 32 flops, (4+8+8)·8 bytes; σ' on 2×4 = 8 flops, (2·8 + 2·4)·8 bytes.
        // SYRKs n²k: G (2×2) 8, A (2×4) 16, G (2×4) 16, A (2×3) 12; bytes (nk + n(n+1)/2)·8.
        assertEquals(new Cost(52, (4 + 3 + 8 + 3 + 8 + 3 + 6 + 3) * 8), cost.op(Phase.GRAM, "syrk"));
        // Hadamard: 3 lower-triangle entries × 3 flops × 2 layers, (3 s2 + 3 aa + 2·3 K)·8 bytes each; the fill of K
        // 4·8. No symmetrization: K's consumers read its lower triangle only.
        assertEquals(new Cost(18, 2 * 96), cost.op(Phase.GRAM, "gramAccumulate"));
        assertEquals(Cost.ZERO, cost.op(Phase.GRAM, "symmetrize"));
        assertEquals(new Cost(8 + 40 + 52 + 18, 64 + 352 + 304 + 32 + 192), cost.phase(Phase.GRAM));

        // solve: the trace of K that catches a diverged step before factoring (2 flops, 2·8), copy K and shift it
        // (2 flops, 2·4·8 + 2·2·8), Cholesky 2³/3 (2·3·8), the two triangular solves 2·4 ((3 + 4)·8), the
        // finiteness check 2·2 (2·8).
        assertEquals(new Cost(8.0 / 3, 2 * 3 * 8), cost.op(Phase.SOLVE, "cholesky"));
        assertEquals(new Cost(2, 16), cost.op(Phase.SOLVE, "trace"));
        assertEquals(new Cost(2 + 2 + 8.0 / 3 + 8 + 4, 16 + 96 + 48 + 56 + 16), cost.phase(Phase.SOLVE));

        // U∇L: jvp (132; the input has no tangent, so layer 0 has one GEMM) + rowDot 2·2·2 (reads 4 + 4, writes 2);
        // Uᵀw, one row a sample (c − 1 = 1), from the G the Gram kept: contractRows of the seed 2·2·2 (reads 4 + 2,
        // writes 4) and of layer 0's G 2·2·4 (reads 8 + 2, writes 8), then each layer's weight GEMM and bias sums as
        // in the vjp (32 + 4, 48 + 8; 160 + 48 + 208 + 96 bytes), no GEMM down and no σ'; copy of w (2·2·8), axpy
        // 2·26 (3·26·8), scal 26 (2·26·8); the slope ∇Lᵀd 2·26 (2·26·8).
        assertEquals(new Cost(140 + 24 + 92 + 78 + 52, 1072 + 80 + 144 + 512 + 1072 + 416), cost.phase(Phase.DIRECTION));
        // three squared norms and one axpy over 26 parameters.
        assertEquals(new Cost(3 * 52 + 52, 3 * 208 + 624), cost.phase(Phase.UPDATE));

        assertEquals(Cost.ZERO, cost.phase(Phase.LINE_SEARCH));
        assertEquals(108 + 158 + 118 + (2 + 2 + 8.0 / 3 + 12) + 386 + 208, cost.total().flops(), 1e-9);
    }

    @Test
    void aOneOutputTopLayerAddsTheSyrkOfItsBlock() {
        // 3-4-1, b = 2, mse, f64: m = n = 2. The top layer has one unit: it forms g ∘ [A | 1]
        // (2 × 5: 8 products; writes 10, reads g 2 and A 8) and SYRKs it (2²·5 = 20 flops, (10 + 3)·8 bytes),
        // first, so K is written, not read, and nothing fills it.
        StepCost cost = count(new BenchConfig("cpu", "egn", 2, "4-tanh", 3, 1, Loss.MSE, DType.F64, GramMode.FACTORED, false));
        assertEquals(new Cost(8, (10 + 2 + 8) * 8), cost.op(Phase.GRAM, "outerRows"));
        assertEquals(Cost.ZERO, cost.op(Phase.GRAM, "fill"));
        // Layer 0 keeps the Hadamard form: SYRKs of G (2×4) 16 and A (2×3) 12, with the block's 20.
        assertEquals(new Cost(20 + 16 + 12, (10 + 3) * 8 + (8 + 3 + 6 + 3) * 8), cost.op(Phase.GRAM, "syrk"));
        assertEquals(new Cost(9, 12 * 8), cost.op(Phase.GRAM, "gramAccumulate"));
    }

    @Test
    void averagePoolingIsCountedInEachPhaseThatRunsIt() {
        // 1×8×8 → conv2k3 (2×6×6 = 72) → avgpool2 (2×3×3 = 18) → 4 → 2, b = 2, mse, f64: m = b·c = 4 curvature rows.
        BenchConfig egn = new BenchConfig("cpu", "egn", 2, "conv2k3-relu-avgpool2-4-relu", 64, 2, Loss.MSE, DType.F64,
                GramMode.FACTORED, false, new dev.gn4j.engine.model.InputShape(1, 8, 8));
        StepCost cost = count(egn);
        // forward: 2·18 means of 4 entries (4 adds and a division each); reads 2·72, writes 2·18.
        assertEquals(new Cost(36 * 4 + 36, (144 + 36) * 8), cost.op(Phase.FORWARD, "avgPool"));
        // gradient (SGD's; EGN on mse takes it from the rows): g 2×18 spread over below 2×72, one add a window
        // entry and a division an element; reads g, writes below.
        StepCost sgd = count(egn.withOptimizer("sgd", null));
        assertEquals(new Cost(36 * 4 + 144, (36 + 144) * 8), sgd.op(Phase.BACKWARD, "avgPoolBackward"));
        // curvature rows: the same for 4 rows.
        assertEquals(new Cost(72 * 4 + 288, (72 + 288) * 8), cost.op(Phase.GRAM, "avgPoolBackward"));
        assertEquals(Cost.ZERO, cost.unattributed());
        // U∇L (EGN on ce forms it by forward mode): one tangent, the forward's count plus the add to dz, which it
        // reads as well. (EGN on mse needs no tangent: its direction comes from K.)
        BenchConfig ce = new BenchConfig("cpu", "egn", 2, "conv2k3-relu-avgpool2-4-relu", 64, 2, Loss.CE, DType.F64,
                GramMode.FACTORED, false, new dev.gn4j.engine.model.InputShape(1, 8, 8));
        assertEquals(new Cost(36 * 4 + 36 + 36, (144 + 36 + 36) * 8), count(ce).op(Phase.DIRECTION, "avgPoolTangent"));
        assertEquals(Cost.ZERO, cost.op(Phase.DIRECTION, "avgPoolTangent"));
    }

    @Test
    void tinyGgnMseExplicitByHand() {
        StepCost cost = tiny("ggn", Loss.MSE, DType.F32, GramMode.EXPLICIT);
        // m = 4 rows, 4-byte elements. Jacobian rows: layer 1 block 2·4 + 2 = 10 columns, 4·2·4 = 32 products;
        // layer 0 block 4·3 + 4 = 16 columns, 4·4·3 = 48 products. Bytes: writes 4·10 + 4·16, reads G and A.
        assertEquals(new Cost(32 + 48, (4 * 10 + 4 * 2 + 2 * 4 + 4 * 16 + 4 * 4 + 2 * 3) * 4), cost.op(Phase.GRAM, "outerRows"));
        // one SYRK of the 4×26 Jacobian: 4²·26 flops, (4·26 + 10)·4 bytes; the Gram stays float32 (4 < 512 rows).
        assertEquals(new Cost(16 * 26, (4 * 26 + 10) * 4), cost.op(Phase.GRAM, "syrk"));
        assertEquals(Cost.ZERO, cost.op(Phase.GRAM, "softmaxQFactor"));
        // No gradient backward pass: ∇Lᵀd = −rᵀKt/b is one SYMV (2·4² flops, (10 + 8)·4 bytes: K's lower
        // triangle, t and Kt) and a dot of 4 (8 flops, 32 bytes); K is float32 here, so nothing is widened.
        assertEquals(Cost.ZERO, cost.phase(Phase.BACKWARD));
        assertEquals(new Cost(32, 72), cost.op(Phase.DIRECTION, "symv"));
        assertEquals(new Cost(0, (4 + 4) * 4), cost.op(Phase.DIRECTION, "copy"), "only r into t is copied: nothing widened");
        // rᵀKr/b² the same way, then ‖d‖², ‖θ‖² (2·52 flops, 2·26·4 bytes) and the axpy (52, 3·26·4).
        assertEquals(new Cost(40 + 104 + 52, 104 + 208 + 312), cost.phase(Phase.UPDATE));
    }

    @Test
    void firstOrderStepsHaveNoCurvature() {
        StepCost sgd = tiny("sgd", Loss.CE, DType.F64, null);
        assertEquals(Cost.ZERO, sgd.phase(Phase.GRAM));
        assertEquals(Cost.ZERO, sgd.phase(Phase.SOLVE));
        // ‖g‖², θ − lr·g, ‖θ‖² over 26 parameters (plain SGD: u = g, so ‖u‖ is ‖g‖, not summed again).
        assertEquals(new Cost(3 * 52, 2 * 208 + 624), sgd.phase(Phase.UPDATE));
        StepCost adam = tiny("adam", Loss.CE, DType.F64, null);
        // 10 flops per parameter; reads θ, g, m, v and writes θ, m, v; then two squared norms.
        assertEquals(new Cost(10 * 26 + 2 * 52, 7 * 26 * 8 + 2 * 208), adam.phase(Phase.UPDATE));
    }

    @Test
    void smwNgSolvesABatchSizedSystem() {
        BenchConfig ng = new BenchConfig("cpu", "smw-ng", 2, "4-tanh", 3, 2, Loss.CE, DType.F64, GramMode.FACTORED, false);
        assertEquals(2, ng.systemRows());
        assertEquals(4, ng.withOptimizer("ggn", GramMode.FACTORED).systemRows());
        assertEquals(2, ng.withOptimizer("egn", GramMode.FACTORED).systemRows(), "the Q-factor's c − 1 rows a sample");
        assertEquals(0, ng.withOptimizer("adam", null).systemRows());
        assertEquals(new Cost(8.0 / 3, 2 * 3 * 8), count(ng).op(Phase.SOLVE, "cholesky"));
        assertThrows(IllegalArgumentException.class, () -> ng.withOptimizer("lbfgs", null).systemRows());
    }

    @Test
    void lineSearchTrialsAreCountedAsTheyRan() {
        StepCost cost = count(new BenchConfig("cpu", "egn", 2, "4-tanh", 3, 2, Loss.CE, DType.F64, GramMode.FACTORED, true));
        // a trial: θ + α d into a copy (2·26·8 bytes, then the axpy's 52 flops and 3·26·8), forward (100, 736)
        // and loss (8, 112). However many the search tried, the phase is a whole number of them.
        Cost trial = new Cost(52 + 100 + 8, 416 + 624 + 736 + 112);
        Cost search = cost.phase(Phase.LINE_SEARCH);
        double trials = search.flops() / trial.flops();
        assertTrue(trials >= 1 && trials == Math.rint(trials), "whole trials: " + trials);
        assertEquals(trial.times(trials), search);
    }

    @Test
    void everyBenchedStepDoesAllItsWorkInsideAPhase() {
        for (String optimizer : BenchOptions.OPTIMIZERS) {
            for (Loss loss : Loss.values()) {
                if (optimizer.equals("ggn") && loss == Loss.CE) {
                    continue;
                }
                GramMode gram = optimizer.equals("sgd") || optimizer.equals("adam") ? null : GramMode.FACTORED;
                StepCost cost = tiny(optimizer, loss, DType.F32, gram);
                assertEquals(Cost.ZERO, cost.unattributed(), optimizer + " " + loss);
                assertTrue(cost.total().flops() > 0, optimizer + " " + loss);
            }
        }
    }

    /**
     * docs/cpu-step-timing.md counts one EGN ce step of 784-256-256-10, batch 128, with c = 10 rows a sample
     * (m = 1280): forward 69 M, gradient 86 M, rows 175 M, Gram 876 M, J·(Jᵀg) 138 M, Cholesky 699 M, Uᵀw 86 M,
     * ≈ 2.13 GFLOP. The Q-factor has c − 1 = 9 rows a sample (m = 1152): the terms in m shrink.
     */
    @Test
    void reproducesTheDocumentedEgnCountWithNineRowsASample() {
        BenchConfig cfg = new BenchConfig("cpu", "egn", 128, "256-tanh-256-tanh", 784, 10, Loss.CE, DType.F32,
                GramMode.FACTORED, false).withSolver(dev.gn4j.engine.curvature.SolverKind.CHOLESKY);
        StepCost cost = count(cfg);
        long b = 128, m = 1152;
        assertEquals(m, cfg.systemRows());
        assertEquals(69e6, cost.phase(Phase.FORWARD).flops(), 0.01 * 69e6);
        assertEquals(86e6, cost.phase(Phase.BACKWARD).flops(), 0.01 * 86e6);
        // rows: G_l = G_{l+1} W ∘ σ′ for the two upper layers: 2m(10·256 + 256·256) GEMMs, m(256 + 256) σ′.
        assertEquals(2 * m * (10 * 256 + 256 * 256), cost.op(Phase.GRAM, "gemm").flops(), 1e-3);
        // Gram: m²(256 + 256 + 10) + b²(784 + 256 + 256): 876 M at m = 1280, 0.81× that here.
        assertEquals(m * m * 522 + b * b * 1296, cost.op(Phase.GRAM, "syrk").flops(), 1e-3);
        // Cholesky m³/3: 699 M at m = 1280, 0.729× that here. The Gram is float64 (m ≥ 512); the factor is the f32
        // step's float32, refined in float64 (SpdSolver), so it reads and writes float32 elements.
        assertEquals(699e6 * 0.729, cost.op(Phase.SOLVE, "cholesky").flops(), 0.001 * 699e6);
        assertEquals((double) m * (m + 1) * 4, cost.op(Phase.SOLVE, "cholesky").bytes(), 1e-3);
        assertEquals(DType.F64, cfg.gramDtype());
        assertTrue(cost.op(Phase.SOLVE, "symv").flops() > 0, "the refinement's float64 residuals");
        // The whole step: 1.73 GFLOP, 19% less than the document's 2.13 at m = 1280 (less Gram, rows and Cholesky,
        // and the JVP's layer 0 has one GEMM, not two, since the input has no tangent; refinement adds 10 M).
        assertEquals(1.732e9, cost.total().flops(), 0.002e9);
    }
}
