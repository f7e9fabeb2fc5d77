package dev.gn4j.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.profile.Phase;
import org.junit.jupiter.api.Test;

/**
 * StepCost against counts done by hand from the shapes, term by term, and against
 * the table of docs/cpu-step-timing.md for 784-256-256-10, batch 128, ce.
 */
class StepCostTest {
    /** 3-4-2, batch 2, ce, f64: c = 2, m = b·c = 4 rows, P = 3·4 + 4 + 4·2 + 2 = 26, 8 bytes an element. */
    private static final int[] TINY = {3, 4, 2};

    @Test
    void tinyEgnCrossEntropyFactoredByHand() {
        StepCost cost = StepCost.of(TINY, 2, Loss.CE, "egn", DType.F64, GramMode.FACTORED);

        // forward: GEMM 2×4×3 (48) + bias 8 + tanh 8; GEMM 2×2×4 (32) + bias 4.
        // bytes: (6+12+8)·8 + (16+4)·8 + 16·8 + (8+8+4)·8 + (8+2)·8 = 208+160+128+160+80.
        assertEquals(new Cost(100, 736), cost.item("forward"));
        // ce writes p and g (2·4 elements); reads f (4) and labels (2): (3·4 + 2)·8 bytes.
        assertEquals(new Cost(8, 112), cost.item("loss"));
        // vjp: top weight GEMM 2·2·4·2 = 32, bias sums 4, GEMM down 32, σ' 8; layer 0: GEMM 2·4·3·2 = 48, sums 8;
        // then scal of 26. Bytes 160+48+160+192+208+96 = 864, and 2·26·8 = 416 for the scal.
        assertEquals(new Cost(132 + 26, 864 + 416), cost.phase(Phase.BACKWARD));

        // The Q-factor has c − 1 = 1 row a sample: m = 2 rows. It writes m·c = 4 elements at 2 flops; reads p (4).
        assertEquals(new Cost(8, 64), cost.item("Q-factor seed"));
        // rows backprop: GEMM 2×4×2 = 32 flops, (4+8+8)·8 bytes; σ' on 2×4 = 8 flops, (2·8 + 2·4)·8 bytes.
        assertEquals(new Cost(40, 352), cost.item("rows backprop"));
        // SYRKs n²k: G (2×2) 8, A (2×4) 16, G (2×4) 16, A (2×3) 12; bytes (nk + n(n+1)/2)·8.
        assertEquals(new Cost(52, (4 + 3 + 8 + 3 + 8 + 3 + 6 + 3) * 8), cost.item("Gram SYRKs"));
        // Hadamard: 3 lower-triangle entries × 3 flops × 2 layers; fill 4·8; per layer (3 s2 + 3 aa + 2·3 K)·8.
        // No symmetrization: K's consumers read its lower triangle only.
        assertEquals(new Cost(18, 32 + 2 * 96), cost.item("Gram Hadamard and fill"));
        assertEquals(118, cost.phase(Phase.GRAM).flops(), 1e-9);

        // solve: shift 2, Cholesky 2³/3, two triangular solves 2·4, the check 2·2.
        assertEquals(new Cost(2, 2 * 4 * 8 + 2 * 2 * 8), cost.item("copy and shift K"));
        assertEquals(new Cost(8.0 / 3, 2 * 3 * 8), cost.item("Cholesky"));
        assertEquals(new Cost(8 + 4, (3 + 4) * 8 + 2 * 8), cost.item("triangular solves"));

        // U∇L: jvp (48 + 8 + 8 + 32 + 4 + 32 = 132; the input has no tangent, so layer 0 has one GEMM) + rowDot 2·2·2.
        assertEquals(new Cost(132 + 8, 992 + (4 + 4 + 2) * 8), cost.item("U∇L (forward mode)"));
        // Uᵀw: contractRows 2·2·2 (reads seed 4, v 2, writes 4) + vjp 132.
        assertEquals(new Cost(8 + 132, (4 + 2 + 4) * 8 + 864), cost.item("Uᵀw (backward)"));
        // copy of w (2·2·8), axpy 2·26 (3·26·8), scal 26 (2·26·8); the slope 2·26 (2·26·8).
        assertEquals(new Cost(78, 32 + 624 + 416), cost.item("vector work"));
        assertEquals(new Cost(52, 416), cost.item("slope ∇Lᵀd"));
        // three squared norms and one axpy over 26 parameters.
        assertEquals(new Cost(3 * 52 + 52, 3 * 208 + 624), cost.phase(Phase.UPDATE));

        assertEquals(108 + 158 + 118 + (2 + 8.0 / 3 + 12) + (140 + 140 + 78 + 52) + 208, cost.total().flops(), 1e-9);
        assertEquals(Cost.ZERO, cost.phase(Phase.LINE_SEARCH));
    }

    @Test
    void oneOutputTopLayerIsCountedAsItsBlockSyrk() {
        // 3-4-1, b = 2, mse, f64: m = n = 2. The top layer has one unit: CurvatureRows forms g ∘ [A | 1]
        // (2 × 5: 8 products; writes 10, reads g 2 and A 8) and SYRKs it (2²·5 = 20 flops, (10 + 3)·8 bytes),
        // first, so K is written, not read, and nothing fills it.
        StepCost cost = StepCost.of(new int[] {3, 4, 1}, 2, Loss.MSE, "egn", DType.F64, GramMode.FACTORED);
        assertEquals(new Cost(8 + 20, (10 + 2 + 8) * 8 + (10 + 3) * 8), cost.item("one-unit layers: g ∘ [A | 1] and its SYRK"));
        // Layer 0 keeps the Hadamard form: SYRKs of G (2×4) 16 and A (2×3) 12; no fill (the block wrote K),
        // 3 triangle entries × 3 flops with (3 s2 + 3 aa + 2·3 K)·8 bytes.
        assertEquals(new Cost(16 + 12, (8 + 3 + 6 + 3) * 8), cost.item("Gram SYRKs"));
        assertEquals(new Cost(9, 12 * 8), cost.item("Gram Hadamard and fill"));
        // m ≥ 512 in float32: K is float64, the block would be float32, so every layer keeps the Hadamard form.
        StepCost wide = StepCost.of(new int[] {3, 4, 1}, 512, Loss.MSE, "egn", DType.F32, GramMode.FACTORED);
        assertThrows(IllegalArgumentException.class, () -> wide.item("one-unit layers: g ∘ [A | 1] and its SYRK"));
        assertEquals((512.0 * 512 * (1 + 4) + 512.0 * 512 * (4 + 3)), wide.item("Gram SYRKs").flops(), 1e-6);
    }

    @Test
    void tinyGgnMseExplicitByHand() {
        StepCost cost = StepCost.of(TINY, 2, Loss.MSE, "ggn", DType.F32, GramMode.EXPLICIT);
        // m = 4 rows, 4-byte elements. Jacobian rows: layer 1 block 2·4 + 2 = 10 columns, 4·2·4 = 32 products;
        // layer 0 block 4·3 + 4 = 16 columns, 4·4·3 = 48 products. Bytes: writes 4·10 + 4·16, reads G and A.
        assertEquals(new Cost(32 + 48, (4 * 10 + 4 * 2 + 2 * 4 + 4 * 16 + 4 * 4 + 2 * 3) * 4), cost.item("explicit Jacobian rows"));
        // one SYRK of the 4×26 Jacobian: 4²·26 flops, (4·26 + 10)·4 bytes; the Gram stays float32 (4 < 512 rows).
        assertEquals(new Cost(16 * 26, (4 * 26 + 10) * 4), cost.item("J Jᵀ SYRK"));
        // mse: no Q-factor; the residual rows and the copy into t are the kernel path's vector work, with scal(−1).
        assertEquals(new Cost(2 * 4 * 2 + 26, (8 + 4 + 4) * 4 + 2 * 4 * 4 + 2 * 26 * 4), cost.item("vector work"));
        assertThrows(IllegalArgumentException.class, () -> cost.item("Q-factor seed"));
        // No gradient backward pass: ∇Lᵀd = −rᵀKt/b is one SYMV (2·4² flops, (10 + 8)·4 bytes: K's lower
        // triangle, t and Kt) and a dot of 4 (8 flops, 32 bytes); K is float32 here, so nothing is widened.
        assertEquals(Cost.ZERO, cost.phase(Phase.BACKWARD));
        assertEquals(new Cost(40, 104), cost.item("slope −rᵀKt/b"));
        // rᵀKr/b² the same way, then ‖d‖², ‖θ‖² (2·52 flops, 2·26·4 bytes) and the axpy (52, 3·26·4).
        assertEquals(new Cost(40 + 104 + 52, 104 + 208 + 312), cost.phase(Phase.UPDATE));
    }

    @Test
    void firstOrderStepsHaveNoCurvature() {
        StepCost sgd = StepCost.of(TINY, 2, Loss.CE, "sgd", DType.F64, GramMode.FACTORED);
        assertEquals(Cost.ZERO, sgd.phase(Phase.GRAM));
        assertEquals(Cost.ZERO, sgd.phase(Phase.SOLVE));
        // ‖g‖², θ − lr·g, ‖θ‖² over 26 parameters (plain SGD: u = g, so ‖u‖ is ‖g‖, not summed again).
        assertEquals(new Cost(3 * 52, 2 * 208 + 624), sgd.phase(Phase.UPDATE));
        StepCost adam = StepCost.of(TINY, 2, Loss.CE, "adam", DType.F64, GramMode.FACTORED);
        // 10 flops per parameter; reads θ, g, m, v and writes θ, m, v; then two squared norms.
        assertEquals(new Cost(10 * 26 + 2 * 52, 7 * 26 * 8 + 2 * 208), adam.phase(Phase.UPDATE));
    }

    @Test
    void smwNgSolvesABatchSizedSystem() {
        assertEquals(2, StepCost.systemRows(TINY, 2, Loss.CE, "smw-ng"));
        assertEquals(4, StepCost.systemRows(TINY, 2, Loss.MSE, "egn"));
        assertEquals(2, StepCost.systemRows(TINY, 2, Loss.CE, "egn"), "the Q-factor's c − 1 rows a sample");
        assertEquals(0, StepCost.systemRows(TINY, 2, Loss.CE, "adam"));
        StepCost ng = StepCost.of(TINY, 2, Loss.CE, "smw-ng", DType.F64, GramMode.FACTORED);
        assertEquals(new Cost(8.0 / 3, 2 * 3 * 8), ng.item("Cholesky"));
    }

    @Test
    void lineSearchTrialsAreCountedPerEvaluation() {
        StepCost base = StepCost.of(TINY, 2, Loss.CE, "egn", DType.F64, GramMode.FACTORED);
        StepCost withTwo = base.withTrials(2, TINY, 2, Loss.CE, DType.F64);
        // a trial: copy θ (2·26·8 bytes), axpy (52 flops, 3·26·8), forward (100, 736) and loss (8, 112).
        assertEquals(new Cost(2 * (52 + 100 + 8), 2 * (416 + 624 + 736 + 112)), withTwo.phase(Phase.LINE_SEARCH));
        assertEquals(base.total().plus(withTwo.phase(Phase.LINE_SEARCH)), withTwo.total());
    }

    /**
     * docs/cpu-step-timing.md counts one EGN ce step of 784-256-256-10, batch 128, with c = 10 rows a sample
     * (m = 1280): forward 69 M, gradient 86 M, rows 175 M, Gram 876 M, J·(Jᵀg) 138 M, Cholesky 699 M, Uᵀw 86 M,
     * ≈ 2.13 GFLOP. The Q-factor now has c − 1 = 9 rows a sample (m = 1152): the terms in m shrink.
     */
    @Test
    void reproducesTheDocumentedEgnCountWithNineRowsASample() {
        int[] sizes = {784, 256, 256, 10};
        StepCost cost = StepCost.of(sizes, 128, Loss.CE, "egn", DType.F32, GramMode.FACTORED);
        long b = 128, m = 1152;
        assertEquals(m, StepCost.systemRows(sizes, 128, Loss.CE, "egn"));
        long forwardGemms = 2 * b * (784 * 256 + 256 * 256 + 256 * 10); // 68,812,800
        assertEquals(68.8e6, forwardGemms, 0.1e6);
        assertEquals(69e6, cost.phase(Phase.FORWARD).flops(), 0.01 * 69e6);
        assertEquals(86e6, cost.phase(Phase.BACKWARD).flops(), 0.01 * 86e6);
        // rows: G_l = G_{l+1} W ∘ σ′ for the two upper layers: 2m(10·256 + 256·256) + m(256 + 256); 175 M at m = 1280.
        assertEquals(2 * m * (10 * 256 + 256 * 256) + m * 512, cost.item("rows backprop").flops(), 1e-3);
        assertEquals(175e6 * 0.9, cost.item("rows backprop").flops(), 0.01 * 175e6);
        // Gram: m²(256 + 256 + 10) + b²(784 + 256 + 256): 876 M at m = 1280, 0.81× that here.
        assertEquals(m * m * 522 + b * b * 1296, cost.item("Gram SYRKs").flops(), 1e-3);
        // Cholesky m³/3: 699 M at m = 1280, 0.729× that here.
        assertEquals(699e6 * 0.729, cost.item("Cholesky").flops(), 0.001 * 699e6);
        // The backward passes run over b samples whatever m is; the seed contractions shrink with m.
        assertEquals(86e6, cost.item("Uᵀw (backward)").flops(), 0.01 * 86e6);
        // The document counts the forward-mode pass as two forwards (138 M). gn4j's JVP starts from a zero input
        // tangent, so layer 0 has one GEMM, not two: 138 M less 2·b·784·256 = 51.4 M, i.e. the same 86 M as Uᵀw.
        double jvp = cost.item("U∇L (forward mode)").flops();
        assertEquals(138e6 - 2.0 * b * 784 * 256, jvp, 0.01 * 86e6);
        // The whole step: 2.093 GFLOP at m = 1280 (the document's 2.13 less the 51.4 M, plus the elementwise work);
        // 163 M of Gram SYRKs, 17 M of rows and 190 M of Cholesky less at m = 1152: 1.72 GFLOP, 18% less.
        assertEquals(1.722e9, cost.total().flops(), 0.002e9);
        // m = 1152 ≥ 512, so the Gram and its Cholesky are float64 even for an f32 step.
        assertEquals(DType.F64, StepCost.gramDtype(1152, DType.F32));
        assertEquals((double) m * (m + 1) * 8, cost.item("Cholesky").bytes(), 1e-3);
    }

    @Test
    void unknownOptimizerIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StepCost.of(TINY, 2, Loss.CE, "lbfgs", DType.F64, GramMode.FACTORED));
    }
}
