package dev.gn4j.engine.optim;

import static dev.gn4j.engine.optim.DirectionTest.config;
import static dev.gn4j.engine.optim.DirectionTest.stepOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.DenseReference;
import dev.gn4j.engine.Fixture;
import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.curvature.SolverKind;
import dev.gn4j.engine.curvature.SolverPlan;
import dev.gn4j.engine.curvature.SolverSettings;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.InputShape;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Mlp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three ways of solving a step's damped system give one direction: conjugate gradients
 * (matrix-free) and the parameter-space solve (P × P) against forming and factoring K, for
 * every Gauss-Newton method and both losses, in float64, on a dense net with P above m, one
 * with P below m, and a CNN.
 */
class SolverEquivalenceTest {
    private static final double PARAM_TOL = 1e-10;
    /** CG stops at a relative residual of 1e-12; the direction's error is that times K's condition, well inside this. */
    private static final double CG_TOL = 1e-8;

    private static List<Fixture> fixtures(Loss loss) {
        int c = loss == Loss.CE ? 3 : 2;
        Fixture wide = Fixture.tiny(loss, 41);
        // 3-4-c with 40 samples: P = 16 + 5c, m = 40·c (40·(c − 1) for ce), so P < m.
        Fixture tall = new Fixture(new int[] {3, 4, c}, new Activation[] {Activation.TANH, Activation.IDENTITY}, loss, 40, 42,
                DType.F64);
        Mlp cnn = Mlp.parse("conv3k3same-relu-maxpool2-conv2k3-tanh", new InputShape(2, 8, 8), 128, c);
        return List.of(wide, tall, new Fixture(cnn, loss, 5, 43, DType.F64));
    }

    private static OptimizerConfig.Builder with(OptimizerConfig.Builder b, SolverKind kind) {
        b.solver = new SolverSettings(kind, 1e-12, 1000);
        return b;
    }

    private static void sameDirection(Fixture fx, OptimizerConfig.Builder base, Activations curvature, String what) {
        double[] cholesky = stepOf(fx, with(base, SolverKind.CHOLESKY), curvature);
        double[] param = stepOf(fx, with(base, SolverKind.PARAM), curvature);
        double[] cg = stepOf(fx, with(base, SolverKind.CG), curvature);
        double pe = DenseReference.relativeError(param, cholesky), ce = DenseReference.relativeError(cg, cholesky);
        assertTrue(pe < PARAM_TOL, what + ": param against cholesky, relative error " + pe);
        assertTrue(ce < CG_TOL, what + ": cg against cholesky, relative error " + ce);
    }

    @Test
    void everyMethodsDirectionIsTheSameWhicheverWayItsSystemIsSolved() {
        for (Loss loss : Loss.values()) {
            for (Fixture fx : fixtures(loss)) {
                String on = loss + "/P=" + fx.mlp.parameterCount() + "/b=" + fx.b;
                sameDirection(fx, config("egn", GramMode.FACTORED), fx.batch, "egn/" + on);
                sameDirection(fx, config("lm", GramMode.FACTORED), fx.batch, "lm/" + on);
                if (loss == Loss.MSE) {
                    sameDirection(fx, config("ggn", GramMode.FACTORED), fx.batch, "ggn/" + on);
                }
                int n = Math.max(2, fx.b / 2);
                OptimizerConfig.Builder gn = config("smw-gn", GramMode.FACTORED);
                gn.curvatureBatch = n;
                sameDirection(fx, gn, fx.firstSamples(n), "smw-gn/" + on);
                OptimizerConfig.Builder ng = config("smw-ng", GramMode.FACTORED);
                ng.curvatureBatch = n;
                sameDirection(fx, ng, fx.firstSamples(n), "smw-ng/" + on);
            }
        }
    }

    @Test
    void autoTakesTheParameterSpaceWhenItIsCheaperAndConjugateGradientsWhenKDoesNotFit() {
        // P well below m: UᵀU costs less than factoring K alone.
        SolverPlan small = SolverPlan.choose(SolverKind.AUTO, 4096, 500, 4, 8, Long.MAX_VALUE);
        assertEquals(SolverKind.PARAM, small.kind(), small.reason());
        // P above m: K.
        SolverPlan usual = SolverPlan.choose(SolverKind.AUTO, 2304, 270_000, 4, 8, 4L << 30);
        assertEquals(SolverKind.CHOLESKY, usual.kind(), usual.reason());
        // 1,024 samples of 100 classes under ce: m = 101,376, K alone 82 GB in float64.
        SolverPlan huge = SolverPlan.choose(SolverKind.AUTO, 101_376, 270_000, 4, 8, 8L << 30);
        assertEquals(SolverKind.CG, huge.kind(), huge.reason());
        assertTrue(huge.reason().contains("101,376") && huge.reason().contains("GiB"), huge.reason());
        // An explicit choice is kept as asked.
        assertEquals(SolverKind.CHOLESKY, SolverPlan.choose(SolverKind.CHOLESKY, 101_376, 10, 4, 8, 1).kind());
    }

    @Test
    void conjugateGradientsStopAtTheirCapAndReportTheTrueResidual() {
        Fixture fx = Fixture.tiny(Loss.MSE, 44);
        OptimizerConfig.Builder b = config("egn", GramMode.FACTORED);
        b.solver = new SolverSettings(SolverKind.CG, 1e-14, 2);
        Optimizer opt = Optimizers.create(b.build(), fx.net, fx.loss, DType.F64);
        StepReport r = opt.step(fx.inputs(fx.batch, 1));
        assertEquals(2, r.solverIterations());
        assertTrue(r.solverResidual() > 1e-14 && r.solverResidual() < 1, "two iterations leave a residual: " + r.solverResidual());
        b.solver = new SolverSettings(SolverKind.CG, 1e-10, 1000);
        StepReport converged = Optimizers.create(b.build(), fx.net, fx.loss, DType.F64).step(fx.inputs(fx.batch, 1));
        assertTrue(converged.solverResidual() <= 1e-9, "the true residual at convergence: " + converged.solverResidual());
        assertTrue(converged.solverIterations() <= fx.b * fx.mlp.outputs() + 2, "at most about m iterations in exact arithmetic");
    }
}
