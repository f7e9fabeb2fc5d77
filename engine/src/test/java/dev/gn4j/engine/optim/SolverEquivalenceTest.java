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
import dev.gn4j.engine.curvature.SystemSize;
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
    void autoWeighsTheWaysByTheirFlopsAndTheMemoryAtHand() {
        // 3-8-10 over 1,000 samples of ce (m = 9,000, P = 122): UᵀU costs far less than factoring K, and more than
        // CG's usual iterations: CG first, then the P × P system if they have not converged at its cost.
        Mlp small = Mlp.parse("8-tanh", null, 3, 10);
        SystemSize narrow = SystemSize.of(small, 1000, 9, 4, 8, 4);
        SolverPlan param = SolverPlan.choose(SolverKind.AUTO, narrow, 200, Long.MAX_VALUE);
        assertEquals(SolverKind.CG, param.kind(), param.reason());
        assertEquals(SolverKind.PARAM, param.direct(), param.reason());
        assertEquals(Math.min(200, (long) (SolverPlan.parameterFlops(narrow) / narrow.passFlops())), param.directAfter());
        assertTrue(param.reason().contains("P × P system (P = 122"), param.reason());
        assertEquals("cg, then P × P after " + param.directAfter(), param.label());
        // 784-256-256-10 at b = 256 (m = 2,304, P = 269,322): CG first, then K if it has not converged at break-even.
        Mlp mnist = Mlp.parse("256-tanh-256-tanh", null, 784, 10);
        SystemSize usual = SystemSize.of(mnist, 256, 9, 4, 8, 4);
        SolverPlan first = SolverPlan.choose(SolverKind.AUTO, usual, 200, 4L << 30);
        assertEquals(SolverKind.CG, first.kind(), first.reason());
        assertEquals((long) (SolverPlan.choleskyFlops(usual) / usual.passFlops()), first.directAfter(), first.reason());
        assertEquals(SolverKind.CHOLESKY, first.direct());
        assertTrue(first.directAfter() >= 8 && first.reason().contains("forming and factoring K"), first.reason());
        // The same rows with no room for K: CG alone.
        SolverPlan tight = SolverPlan.choose(SolverKind.AUTO, usual, 200, 16L << 20);
        assertEquals(SolverKind.CG, tight.kind(), tight.reason());
        assertEquals(0, tight.directAfter(), tight.reason());
        // 1,024 samples of 100 classes under ce: m = 101,376, K and its factor 191 GiB in float64.
        Mlp many = Mlp.parse("64-tanh", null, 32, 100);
        SolverPlan huge = SolverPlan.choose(SolverKind.AUTO, SystemSize.of(many, 1024, 99, 4, 8, 4), 200, 8L << 30);
        assertEquals(SolverKind.CG, huge.kind(), huge.reason());
        assertTrue(huge.reason().contains("101,376") && huge.reason().contains("GiB") && huge.directAfter() == 0, huge.reason());
        // An explicit choice is kept as asked, whatever it costs.
        assertEquals(SolverKind.CHOLESKY, SolverPlan.choose(SolverKind.CHOLESKY, usual, 200, 1).kind());
    }

    @Test
    void autoOnATinySystemIsTheSameDirection() {
        Fixture fx = Fixture.tiny(Loss.CE, 45);
        double[] cholesky = stepOf(fx, with(config("egn", GramMode.FACTORED), SolverKind.CHOLESKY), fx.batch);
        double[] auto = stepOf(fx, config("egn", GramMode.FACTORED), fx.batch);
        double e = DenseReference.relativeError(auto, cholesky);
        assertTrue(e < 1e-9, "auto against cholesky in float64: " + e);
    }

    @Test
    void conjugateGradientsThatHaveNotConvergedAtTheBreakEvenTurnToTheDirectWay() {
        // mse: the kernel form; ce: the Woodbury form; K turned to inside the row system, P × P by FallbackSolve.
        for (SolverKind direct : List.of(SolverKind.CHOLESKY, SolverKind.PARAM)) {
            for (Loss loss : Loss.values()) {
                Fixture fx = Fixture.tiny(loss, 47);
                String what = direct + " " + loss;
                double[] expected = stepOf(fx, with(config("egn", GramMode.FACTORED), direct), fx.batch);
                OptimizerConfig.Builder b = config("egn", GramMode.FACTORED);
                b.solver = new SolverSettings(SolverKind.CG, 1e-14, 200, 1, direct);
                Optimizer opt = Optimizers.create(b.build(), fx.net, fx.loss, DType.F64);
                double[] before = fx.theta();
                StepReport r = opt.step(fx.inputs(fx.batch, 1));
                double[] after = fx.theta();
                fx.setTheta(before);
                double[] d = new double[before.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = after[i] - before[i];
                }
                assertEquals(1, r.solverIterations(), what + ": one iteration, then the direct way");
                assertTrue(Double.isNaN(r.solverResidual()), what + ": a direct solve has no iterative residual");
                assertTrue(DenseReference.relativeError(d, expected) < 1e-10, what + ": the direct way's direction");
            }
        }
    }

    @Test
    void afterATurnToKTheNextStepsFormKAtOnceThenTryConjugateGradientsAgain() {
        int turns = dev.gn4j.engine.curvature.DirectTurns.DIRECT_STEPS;
        for (Loss loss : Loss.values()) {
            Fixture fx = Fixture.tiny(loss, 48);
            double[] expected = stepOf(fx, with(config("egn", GramMode.FACTORED), SolverKind.CHOLESKY), fx.batch);
            OptimizerConfig.Builder b = config("egn", GramMode.FACTORED);
            b.solver = new SolverSettings(SolverKind.CG, 1e-14, 200, 1, SolverKind.CHOLESKY);
            Optimizer opt = Optimizers.create(b.build(), fx.net, fx.loss, DType.F64);
            double[] before = fx.theta();
            for (int step = 1; step <= turns + 2; step++) {
                if (step == 4) {
                    // A checkpoint between steps carries the count: the resumed optimizer goes on forming K at once.
                    OptimizerState saved = opt.save(Fixture.CPU);
                    assertEquals((double) (turns - 2), saved.scalars().get(dev.gn4j.engine.curvature.DirectTurns.STATE), loss + ": saved count");
                    opt = Optimizers.create(b.build(), fx.net, fx.loss, DType.F64);
                    opt.restore(saved, Fixture.CPU, fx.theta);
                }
                StepReport r = opt.step(fx.inputs(fx.batch, step));
                double[] after = fx.theta();
                fx.setTheta(before);
                double[] d = new double[before.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = after[i] - before[i];
                }
                boolean cgTried = step == 1 || step == turns + 2;
                assertEquals(cgTried ? 1 : 0, r.solverIterations(), loss + " step " + step + ": CG tried, or K at once");
                assertTrue(DenseReference.relativeError(d, expected) < 1e-10, loss + " step " + step + ": K's direction");
            }
        }
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
