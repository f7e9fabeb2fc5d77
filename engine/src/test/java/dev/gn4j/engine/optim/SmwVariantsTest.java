package dev.gn4j.engine.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.DenseReference;
import dev.gn4j.engine.Fixture;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.curvature.FisherKind;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.model.Loss;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Semi-stochastic gradients and the sampled-label Fisher, against their dense formulas. */
class SmwVariantsTest {

    @Test
    void semiStochasticUsesTheFullDataGradientWithBatchCurvature() {
        Fixture fx = Fixture.tiny(Loss.MSE, 41);
        Activations sub = fx.firstSamples(3);
        DenseReference ref = new DenseReference(fx);
        // The "full data" here is the 6-sample batch, the curvature batch is its first 3 samples.
        double[] fullGrad = ref.gradient(fx.batch);
        double[] expected = DenseReference.dampedNewton(ref.gaussNewton(sub), 0.5, fullGrad);
        OptimizerConfig.Builder cfg = DirectionTest.config("smw-gn", GramMode.FACTORED);
        cfg.lambda = 0.5;
        cfg.curvatureBatch = 3;
        cfg.semiStochastic = true;
        double[] before = fx.theta();
        Optimizer opt = Optimizers.create(cfg.build(), fx.net, fx.loss, DType.F64);
        // The optimizer's own batch is the subsample: only the full gradient brings in the other samples.
        Mat fullGradient = Fixture.CPU.zeros(before.length, 1, DType.F64);
        Fixture.CPU.upload(fullGrad, fullGradient);
        opt.step(new StepInputs(fx.objective, fx.theta, sub, sub, (th, out) -> {
            Fixture.CPU.copy(fullGradient, out);
            return Double.NaN;
        }, 1, new SplittableRandom(1)));
        double[] after = fx.theta();
        double[] d = new double[before.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        DirectionTest.assertClose(d, expected, "semi-stochastic smw-gn");
    }

    @Test
    void sampledLabelFisherUsesLabelsDrawnFromTheModel() {
        Fixture fx = Fixture.tiny(Loss.CE, 42);
        OptimizerConfig.Builder cfg = DirectionTest.config("smw-ng", GramMode.FACTORED);
        cfg.fisher = FisherKind.SAMPLED;
        double[] before = fx.theta();
        Optimizer opt = Optimizers.create(cfg.build(), fx.net, fx.loss, DType.F64);
        opt.step(new StepInputs(fx.objective, fx.theta, fx.batch, fx.batch, null, 1, new SplittableRandom(99)));
        double[] after = fx.theta();
        fx.setTheta(before);

        // Redraw the same labels: the optimizer draws one uniform per sample from the stream, inverse-CDF on p.
        DenseReference ref = new DenseReference(fx);
        double[][] f = ref.outputs(fx.batch);
        SplittableRandom rng = new SplittableRandom(99);
        double[] sampled = new double[fx.b];
        for (int i = 0; i < fx.b; i++) {
            double u = rng.nextDouble(), acc = 0;
            double[] p = softmax(f[i]);
            int label = p.length - 1;
            for (int k = 0; k < p.length; k++) {
                acc += p[k];
                if (u < acc) {
                    label = k;
                    break;
                }
            }
            sampled[i] = label;
        }
        Activations relabeled = fx.activations(fx.b, fx.x, sampled);
        double[] grad = ref.gradient(fx.batch);
        double[] expected = DenseReference.dampedNewton(ref.empiricalFisher(relabeled), DirectionTest.LAMBDA, grad);
        double[] d = new double[before.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        DirectionTest.assertClose(d, expected, "sampled-label smw-ng");
        // And it differs from the empirical Fisher's direction (the labels really were redrawn).
        double[] empirical = DenseReference.dampedNewton(ref.empiricalFisher(fx.batch), DirectionTest.LAMBDA, grad);
        assertTrue(DenseReference.relativeError(d, empirical) > 1e-6);
    }

    private static double[] softmax(double[] f) {
        double max = java.util.Arrays.stream(f).max().orElseThrow();
        double[] e = java.util.Arrays.stream(f).map(v -> Math.exp(v - max)).toArray();
        double s = java.util.Arrays.stream(e).sum();
        return java.util.Arrays.stream(e).map(v -> v / s).toArray();
    }

    @Test
    void singularGramInsideAStepTakesTheFallbackPath() {
        // 30 samples × 2 outputs = 60 rows but a linear model has only 4·2+2 = 10 parameters: J Jᵀ has
        // 50 zero eigenvalues, and with λ = 1e-300 rounding makes some pivots negative, so Cholesky fails
        // (all 50 landing positive is not a realistic outcome); the jitter fallback rescues the step.
        Fixture fx = new Fixture(new int[] {4, 2}, new dev.gn4j.engine.backend.Activation[] {
                dev.gn4j.engine.backend.Activation.IDENTITY}, Loss.MSE, 30, 43, DType.F64);
        OptimizerConfig.Builder cfg = DirectionTest.config("ggn", GramMode.FACTORED);
        cfg.lambda = 1e-300;
        // The batch-space system itself (auto would take the 10 × 10 parameter-space one, which is not singular).
        cfg.solver = dev.gn4j.engine.curvature.SolverSettings.DEFAULT.withKind(dev.gn4j.engine.curvature.SolverKind.CHOLESKY);
        Optimizer opt = Optimizers.create(cfg.build(), fx.net, fx.loss, DType.F64);
        double before = fx.objective.value(fx.theta, fx.batch);
        StepReport r = opt.step(fx.inputs(fx.batch, 1));
        double after = fx.objective.value(fx.theta, fx.batch);
        assertTrue(r.fallbacks() > 0, "the fallback path was taken");
        assertTrue(Double.isFinite(after) && after < before, "the rescued step still descends: " + before + " → " + after);
    }
}
