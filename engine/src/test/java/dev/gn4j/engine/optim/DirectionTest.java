package dev.gn4j.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.DenseReference;
import dev.gn4j.engine.Fixture;
import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.curvature.RowsFactory;
import dev.gn4j.engine.curvature.SolverKind;
import dev.gn4j.engine.curvature.SolverSettings;
import dev.gn4j.engine.curvature.SpdSolver;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Loss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each optimizer's batch-space direction against MATH.md's dense parameter-space
 * formula, to 1e-10 relative in float64. A step with lr = 1 and no step controls
 * moves θ by exactly d.
 */
class DirectionTest {
    static final double TOL = 1e-10;
    static final double LAMBDA = 0.37;

    static double[] stepOf(Fixture fx, OptimizerConfig.Builder cfg, Activations curvature) {
        double[] before = fx.theta();
        Optimizer opt = Optimizers.create(cfg.build(), fx.net, fx.loss, DType.F64);
        opt.step(fx.inputs(curvature, 1));
        double[] after = fx.theta();
        fx.setTheta(before);
        double[] d = new double[before.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        return d;
    }

    static OptimizerConfig.Builder config(String name, GramMode mode) {
        OptimizerConfig.Builder cfg = new OptimizerConfig.Builder();
        cfg.method = Method.parse(name);
        cfg.lr = 1;
        cfg.lambda = LAMBDA;
        cfg.gram = mode;
        return cfg;
    }

    static void assertClose(double[] actual, double[] expected, String what) {
        double err = DenseReference.relativeError(actual, expected);
        assertTrue(err < TOL, what + ": relative error " + err);
    }

    @ParameterizedTest
    @EnumSource(GramMode.class)
    void egnMatchesDampedGaussNewton(GramMode mode) {
        for (Loss loss : Loss.values()) {
            Fixture fx = Fixture.tiny(loss, 21);
            DenseReference ref = new DenseReference(fx);
            double[] expected = DenseReference.dampedNewton(ref.gaussNewton(fx.batch), LAMBDA, ref.gradient(fx.batch));
            assertClose(stepOf(fx, config("egn", mode), fx.batch), expected, "egn/" + loss + "/" + mode);
        }
    }

    @ParameterizedTest
    @EnumSource(GramMode.class)
    void ggnMatchesKernelRegressionStep(GramMode mode) {
        Fixture fx = Fixture.tiny(Loss.MSE, 22);
        DenseReference ref = new DenseReference(fx);
        // −Jᵀ (J Jᵀ + λ I)⁻¹ r = −(JᵀJ + λ I)⁻¹ Jᵀ r: GGN is EGN with λ/b.
        double[][] h = ref.gaussNewton(fx.batch);
        double[] grad = ref.gradient(fx.batch);
        double[] expected = DenseReference.dampedNewton(h, LAMBDA / fx.b, grad);
        assertClose(stepOf(fx, config("ggn", mode), fx.batch), expected, "ggn/" + mode);
    }

    @ParameterizedTest
    @EnumSource(GramMode.class)
    void kernelDirectionsGiveTheSlopeAndGradientNormInBatchSpace(GramMode mode) {
        for (SolverKind kind : new SolverKind[] {SolverKind.CHOLESKY, SolverKind.CG, SolverKind.PARAM}) {
          for (boolean egn : new boolean[] {true, false}) {
            Fixture fx = Fixture.tiny(Loss.MSE, 23);
            DenseReference ref = new DenseReference(fx);
            double[] grad = ref.gradient(fx.batch);
            SolverSettings settings = new SolverSettings(kind, 1e-13, 500);
            KernelDirection direction = new KernelDirection(egn ? KernelDirection.Shift.BATCH : KernelDirection.Shift.ONE, mode,
                    settings, new SpdSolver(Fixture.CPU), new RowsFactory(fx.net, Loss.MSE, DType.F64, DType.F64));
            fx.objective.value(fx.theta, fx.batch); // the forward state prepare() builds on
            dev.gn4j.engine.curvature.DampedSolve prepared = direction.prepare(fx.inputs(fx.batch, 1), null);
            Mat d = Fixture.CPU.zeros(grad.length, 1, DType.F64);
            prepared.direction(LAMBDA, d);
            double[] dense = denseSlopeAndGradientSquared(grad, d);
            double slope = dense[0], gradSquared = dense[1];
            String what = (egn ? "egn/" : "ggn/") + mode + "/" + kind.flag();
            assertTrue(slope < 0, what + ": a descent direction");
            assertEquals(slope, prepared.slope(), TOL * Math.abs(slope), what + ": ∇Lᵀd = −rᵀKt / b");
            assertEquals(gradSquared, prepared.gradientSquaredNorm(), TOL * gradSquared, what + ": ‖∇L‖² = rᵀKr / b²");
            prepared.curvature(d); // uses the row scratch; the slope must not depend on it
            assertEquals(slope, prepared.slope(), TOL * Math.abs(slope), what + ": slope after the curvature product");
          }
        }
    }

    /** ∇Lᵀd and ‖∇L‖² in parameter space, from the dense gradient and the direction. */
    private static double[] denseSlopeAndGradientSquared(double[] grad, Mat d) {
        double[] dv = Fixture.CPU.download(d);
        double slope = 0, gradSquared = 0;
        for (int i = 0; i < grad.length; i++) {
            slope += grad[i] * dv[i];
            gradSquared += grad[i] * grad[i];
        }
        return new double[] {slope, gradSquared};
    }

    @Test
    void float32StepWithAFloat64GramWidensRAndTForTheQuadraticForms() {
        // --solve-dtype f64 on a float32 step: K is float64, r and t float32 (the m ≥ 512 case too).
        Fixture fx = new Fixture(new int[] {3, 5, 4, 2},
                new Activation[] {Activation.TANH, Activation.GELU, Activation.IDENTITY}, Loss.MSE, 6, 24, DType.F32);
        DenseReference ref = new DenseReference(fx);
        double[] grad = ref.gradient(fx.batch);
        KernelDirection direction = new KernelDirection(KernelDirection.Shift.BATCH, GramMode.FACTORED,
                dev.gn4j.engine.curvature.SolverSettings.DEFAULT.withKind(SolverKind.CHOLESKY), new SpdSolver(Fixture.CPU),
                new RowsFactory(fx.net, Loss.MSE, DType.F32, DType.F64));
        fx.objective.value(fx.theta, fx.batch);
        dev.gn4j.engine.curvature.DampedSolve prepared = direction.prepare(fx.inputs(fx.batch, 1), null);
        Mat d = Fixture.CPU.zeros(grad.length, 1, DType.F32);
        prepared.direction(LAMBDA, d);
        double[] dense = denseSlopeAndGradientSquared(grad, d);
        double slope = dense[0], gradSquared = dense[1];
        assertEquals(slope, prepared.slope(), 1e-5 * Math.abs(slope), "∇Lᵀd in float64 from float32 r and t");
        assertEquals(gradSquared, prepared.gradientSquaredNorm(), 1e-5 * gradSquared, "‖∇L‖²");
    }

    @Test
    void ggnRefusesCrossEntropy() {
        Fixture fx = Fixture.tiny(Loss.CE, 1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create(config("ggn", GramMode.FACTORED).build(), fx.net, Loss.CE, DType.F64));
        assertTrue(e.getMessage().contains("egn"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(GramMode.class)
    void smwGnOnASubsampleMatchesItsDenseFormula(GramMode mode) {
        for (Loss loss : Loss.values()) {
            Fixture fx = Fixture.tiny(loss, 23);
            Activations sub = fx.firstSamples(4);
            DenseReference ref = new DenseReference(fx);
            double[] grad = ref.gradient(fx.batch);
            double[] expected = DenseReference.dampedNewton(ref.gaussNewton(sub), LAMBDA, grad);
            OptimizerConfig.Builder cfg = config("smw-gn", mode);
            cfg.curvatureBatch = 4;
            assertClose(stepOf(fx, cfg, sub), expected, "smw-gn/" + loss + "/" + mode);
        }
    }

    @ParameterizedTest
    @EnumSource(GramMode.class)
    void smwNgMatchesDampedEmpiricalFisher(GramMode mode) {
        for (Loss loss : Loss.values()) {
            Fixture fx = Fixture.tiny(loss, 24);
            Activations sub = fx.firstSamples(3);
            DenseReference ref = new DenseReference(fx);
            double[] grad = ref.gradient(fx.batch);
            double[] expected = DenseReference.dampedNewton(ref.empiricalFisher(sub), LAMBDA, grad);
            OptimizerConfig.Builder cfg = config("smw-ng", mode);
            cfg.curvatureBatch = 3;
            assertClose(stepOf(fx, cfg, sub), expected, "smw-ng/" + loss + "/" + mode);
        }
    }

    @Test
    void smwGnOnTheWholeBatchEqualsEgn() {
        for (Loss loss : Loss.values()) {
            Fixture fx = Fixture.tiny(loss, 25);
            double[] egn = stepOf(fx, config("egn", GramMode.FACTORED), fx.batch);
            double[] smw = stepOf(fx, config("smw-gn", GramMode.FACTORED), fx.batch);
            assertClose(smw, egn, "smw-gn(S = batch) vs egn/" + loss);
        }
    }

    @Test
    void lmFirstTryIsTheEgnDirection() {
        Fixture fx = Fixture.tiny(Loss.MSE, 26);
        double before = fx.objective.value(fx.theta, fx.batch);
        double[] egn = stepOf(fx, config("egn", GramMode.FACTORED), fx.batch);
        double[] lm = stepOf(fx, config("lm", GramMode.FACTORED), fx.batch);
        // With λ = 0.37 on this problem the first LM try decreases the loss and is accepted.
        assertClose(lm, egn, "lm");
        assertTrue(before > 0);
    }

    @Test
    void crossEntropyDirectionStaysFiniteAndDescendingWithTinyProbabilities() {
        Fixture fx = Fixture.tiny(Loss.CE, 27);
        double[] th = fx.theta();
        // Blow up the last layer so the softmax saturates: some p_ik fall far below 1e-12.
        int last = fx.mlp.layers() - 1;
        for (long q = fx.mlp.weightOffset(last); q < fx.mlp.parameterCount(); q++) {
            th[(int) q] *= 60;
        }
        fx.setTheta(th);
        fx.objective.value(fx.theta, fx.batch);
        double minP = java.util.Arrays.stream(Fixture.CPU.download(fx.batch.probabilities())).min().orElseThrow();
        assertTrue(minP < 1e-12, "the fixture should reach p < 1e-12, min p = " + minP);
        DenseReference ref = new DenseReference(fx);
        double[] grad = ref.gradient(fx.batch);
        double[] d = stepOf(fx, config("egn", GramMode.FACTORED), fx.batch);
        double slope = 0;
        for (int i = 0; i < d.length; i++) {
            assertTrue(Double.isFinite(d[i]));
            slope += d[i] * grad[i];
        }
        assertTrue(slope < 0, "direction must descend, gᵀd = " + slope);
        double[] expected = DenseReference.dampedNewton(ref.gaussNewton(fx.batch), LAMBDA, grad);
        assertTrue(DenseReference.relativeError(d, expected) < 1e-8, "vs dense " + DenseReference.relativeError(d, expected));
    }

    @Test
    void momentumAveragesDirectionsWithBiasCorrection() {
        Fixture fx = Fixture.tiny(Loss.MSE, 28);
        double beta = 0.6;
        OptimizerConfig.Builder cfg = config("egn", GramMode.FACTORED);
        cfg.momentum = beta;
        Optimizer opt = Optimizers.create(cfg.build(), fx.net, fx.loss, DType.F64);
        DenseReference ref = new DenseReference(fx);
        double[] d1 = DenseReference.dampedNewton(ref.gaussNewton(fx.batch), LAMBDA, ref.gradient(fx.batch));
        double[] th0 = fx.theta();
        opt.step(fx.inputs(fx.batch, 1));
        double[] th1 = fx.theta();
        double[] d2 = DenseReference.dampedNewton(ref.gaussNewton(fx.batch), LAMBDA, ref.gradient(fx.batch));
        opt.step(fx.inputs(fx.batch, 2));
        double[] th2 = fx.theta();
        double[] step1 = new double[th0.length], step2 = new double[th0.length], e2 = new double[th0.length];
        for (int i = 0; i < th0.length; i++) {
            step1[i] = th1[i] - th0[i];
            step2[i] = th2[i] - th1[i];
            e2[i] = (beta * (1 - beta) * d1[i] + (1 - beta) * d2[i]) / (1 - beta * beta);
        }
        assertClose(step1, d1, "momentum step 1");
        assertClose(step2, e2, "momentum step 2");
    }

    @Test
    void lineSearchAcceptsAnArmijoPointAndAdaptiveLambdaFollowsRho() {
        Fixture fx = Fixture.tiny(Loss.CE, 29);
        OptimizerConfig.Builder cfg = config("egn", GramMode.FACTORED);
        cfg.lr = 4; // α_max large enough that backtracking has work to do
        cfg.lineSearch = true;
        cfg.adaptiveLambda = true;
        Optimizer opt = Optimizers.create(cfg.build(), fx.net, fx.loss, DType.F64);
        double lambda = LAMBDA;
        for (int t = 1; t <= 6; t++) {
            double before = fx.objective.value(fx.theta, fx.batch);
            StepReport r = opt.step(fx.inputs(fx.batch, t));
            double after = fx.objective.value(fx.theta, fx.batch);
            assertEquals(before, r.batchLoss(), 1e-14);
            if (r.stepSize() > 0) {
                assertTrue(after < before, "an accepted Armijo step decreases the loss");
                assertTrue(r.stepSize() <= 4 + 1e-12);
                double expectedLambda = r.rho() < 0.25 ? lambda * 1.5 : r.rho() > 0.75 ? lambda / 1.5 : lambda;
                assertEquals(expectedLambda, r.lambda(), 1e-15 * expectedLambda, "λ rule at ρ = " + r.rho());
                lambda = r.lambda();
            }
        }
    }
}
