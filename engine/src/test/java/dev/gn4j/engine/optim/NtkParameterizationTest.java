package dev.gn4j.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.DenseReference;
import dev.gn4j.engine.Fixture;
import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.curvature.DampedSolve;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.curvature.ParameterScaling;
import dev.gn4j.engine.curvature.RowsFactory;
import dev.gn4j.engine.curvature.SolverKind;
import dev.gn4j.engine.curvature.SolverSettings;
import dev.gn4j.engine.curvature.SpdSolver;
import dev.gn4j.engine.model.Init;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import dev.gn4j.engine.model.Parameterization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The NTK parameterization against MATH.md's dense formulas in its own coordinates θ̃ = S⁻¹θ:
 * H̃ = S H S and ∇̃L = S ∇L give d̃ = −(H̃ + μI)⁻¹ ∇̃L, and the step in θ is S d̃. Every
 * solver and both Gram forms, with two outputs (rps = 2) and with one (the one-unit top layer).
 */
class NtkParameterizationTest {
    private static final double TOL = 1e-10;
    private static final double LAMBDA = 0.37;

    private static double[] scales(Mlp mlp) {
        double[] s = new double[Math.toIntExact(mlp.parameterCount())];
        for (int l = 0; l < mlp.layers(); l++) {
            for (long k = 0; k < mlp.weightCount(l); k++) {
                s[(int) (mlp.weightOffset(l) + k)] = Parameterization.NTK.weightScale(mlp, l);
            }
            for (int j = 0; j < mlp.biasCount(l); j++) {
                s[(int) mlp.biasOffset(l) + j] = Parameterization.NTK.biasScale(mlp, l);
            }
        }
        return s;
    }

    /** S (−(S H S + μ I)⁻¹ S g). */
    private static double[] expectedStep(Fixture fx, double mu) {
        DenseReference ref = new DenseReference(fx);
        double[][] h = ref.gaussNewton(fx.batch);
        double[] g = ref.gradient(fx.batch);
        double[] s = scales(fx.mlp);
        int p = s.length;
        double[][] ht = new double[p][p];
        double[] gt = new double[p];
        for (int a = 0; a < p; a++) {
            gt[a] = s[a] * g[a];
            for (int b = 0; b < p; b++) {
                ht[a][b] = s[a] * h[a][b] * s[b];
            }
        }
        double[] dt = DenseReference.dampedNewton(ht, mu, gt);
        for (int a = 0; a < p; a++) {
            dt[a] *= s[a];
        }
        return dt;
    }

    private static Fixture fixture(int outputs, long seed) {
        return new Fixture(new int[] {3, 5, 4, outputs}, new Activation[] {Activation.TANH, Activation.RELU, Activation.IDENTITY},
                Loss.MSE, 6, seed, DType.F64);
    }

    @ParameterizedTest
    @EnumSource(GramMode.class)
    void ggnAndEgnStepInNtkCoordinates(GramMode mode) {
        for (int outputs : new int[] {2, 1}) {
            for (SolverKind kind : new SolverKind[] {SolverKind.CHOLESKY, SolverKind.CG, SolverKind.PARAM}) {
                for (String method : new String[] {"ggn", "egn"}) {
                    Fixture fx = fixture(outputs, 31 + outputs);
                    OptimizerConfig.Builder cfg = DirectionTest.config(method, mode);
                    cfg.solver = new SolverSettings(kind, 1e-14, 500);
                    cfg.parameterization = Parameterization.NTK;
                    double mu = method.equals("ggn") ? LAMBDA / fx.b : LAMBDA;
                    String what = method + "/" + mode + "/" + kind.flag() + "/c=" + outputs;
                    double err = DenseReference.relativeError(DirectionTest.stepOf(fx, cfg, fx.batch), expectedStep(fx, mu));
                    assertTrue(err < TOL, what + ": relative error " + err);
                }
            }
        }
    }

    @Test
    void theStepDiffersFromTheStandardOne() {
        Fixture fx = fixture(2, 33);
        OptimizerConfig.Builder cfg = DirectionTest.config("ggn", GramMode.FACTORED);
        double[] standard = DirectionTest.stepOf(fx, cfg, fx.batch);
        cfg.parameterization = Parameterization.NTK;
        double[] ntk = DirectionTest.stepOf(fx, cfg, fx.batch);
        assertTrue(DenseReference.relativeError(ntk, standard) > 0.01, "S changes the direction");
    }

    @Test
    void slopeAndCurvatureAreThoseOfTheStepInTheta() {
        // Line search and adaptive λ read ∇Lᵀd and dᵀHd of the θ-direction: the same numbers in either coordinates.
        Fixture fx = fixture(2, 34);
        DenseReference ref = new DenseReference(fx);
        double[] grad = ref.gradient(fx.batch);
        double[][] h = ref.gaussNewton(fx.batch);
        KernelDirection direction = new KernelDirection(KernelDirection.Shift.BATCH, GramMode.FACTORED,
                SolverSettings.DEFAULT.withKind(SolverKind.CHOLESKY), new SpdSolver(Fixture.CPU),
                new RowsFactory(fx.net, Loss.MSE, DType.F64, DType.F64, new ParameterScaling(fx.mlp, Parameterization.NTK)));
        fx.objective.value(fx.theta, fx.batch);
        DampedSolve prepared = direction.prepare(fx.inputs(fx.batch, 1), null);
        Mat d = Fixture.CPU.zeros(grad.length, 1, DType.F64);
        prepared.direction(LAMBDA, d);
        double[] dv = Fixture.CPU.download(d);
        double slope = 0, curvature = 0;
        for (int a = 0; a < dv.length; a++) {
            slope += grad[a] * dv[a];
            for (int b = 0; b < dv.length; b++) {
                curvature += dv[a] * h[a][b] * dv[b];
            }
        }
        assertEquals(slope, prepared.slope(), TOL * Math.abs(slope), "∇Lᵀd");
        assertEquals(curvature, prepared.curvature(d), TOL * curvature, "dᵀHd");
        assertEquals(slope, prepared.slope(), TOL * Math.abs(slope), "∇Lᵀd after the curvature product");
    }

    @Test
    void initialWeightsHaveTheNtkScaleAndZeroBiases() {
        Mlp mlp = new Mlp(new int[] {50, 400, 1}, new Activation[] {Activation.RELU, Activation.IDENTITY});
        double[] theta = Init.draw(mlp, 7, Parameterization.NTK);
        for (int l = 0; l < mlp.layers(); l++) {
            double sum = 0;
            long n = mlp.weightCount(l);
            for (long k = 0; k < n; k++) {
                double w = theta[(int) (mlp.weightOffset(l) + k)];
                sum += w * w;
            }
            double expected = Parameterization.NTK.weightScale(mlp, l);
            assertEquals(expected, Math.sqrt(sum / n), 0.05 * expected, "layer " + l + " weight std");
            for (int j = 0; j < mlp.biasCount(l); j++) {
                assertEquals(0, theta[(int) mlp.biasOffset(l) + j]);
            }
        }
        assertEquals(Math.sqrt(2.0 / 50), Parameterization.NTK.weightScale(mlp, 0), 1e-15, "σ_w² = 2 before relu");
        assertEquals(Math.sqrt(1.0 / 400), Parameterization.NTK.weightScale(mlp, 1), 1e-15, "σ_w² = 1 otherwise");
    }

    @Test
    void refusesWhatItIsNotDefinedFor() {
        OptimizerConfig.Builder sgd = new OptimizerConfig.Builder();
        sgd.method = Method.SGD;
        sgd.parameterization = Parameterization.NTK;
        assertTrue(assertThrows(IllegalArgumentException.class, sgd::build).getMessage().contains("--parameterization ntk"));

        Fixture ce = Fixture.tiny(Loss.CE, 35);
        OptimizerConfig.Builder egn = DirectionTest.config("egn", GramMode.FACTORED);
        egn.parameterization = Parameterization.NTK;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create(egn.build(), ce.net, ce.loss, DType.F64));
        assertTrue(e.getMessage().contains("mse"), e.getMessage());

        Mlp cnn = Mlp.parse("conv4k3-relu-maxpool2", new dev.gn4j.engine.model.InputShape(1, 6, 6), 36, 2);
        e = assertThrows(IllegalArgumentException.class, () -> new ParameterScaling(cnn, Parameterization.NTK));
        assertTrue(e.getMessage().contains("dense layers only"), e.getMessage());
    }
}
