package dev.gn4j.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.DenseReference;
import dev.gn4j.engine.Fixture;
import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.curvature.NumericalFailure;
import dev.gn4j.engine.model.Loss;
import org.junit.jupiter.api.Test;

/** SGD (momentum, Nesterov, weight decay) and Adam against PyTorch's update rules written out by hand. */
class BaselineOptimizersTest {

    private static double[] gradient(Fixture fx) {
        return new DenseReference(fx).gradient(fx.batch);
    }

    @Test
    void sgdFollowsPyTorchSemantics() {
        for (boolean nesterov : new boolean[] {false, true}) {
            Fixture fx = Fixture.tiny(Loss.CE, 31);
            OptimizerConfig.Builder cfg = new OptimizerConfig.Builder();
            cfg.method = Method.parse("sgd");
            cfg.lr = 0.1;
            cfg.momentum = 0.9;
            cfg.nesterov = nesterov;
            cfg.weightDecay = 0.01;
            Optimizer opt = Optimizers.create(cfg.build(), fx.net, fx.loss, DType.F64);
            double[] theta = fx.theta();
            double[] buf = null;
            for (int t = 1; t <= 3; t++) {
                double[] g = gradient(fx);
                for (int i = 0; i < g.length; i++) {
                    g[i] += 0.01 * theta[i];
                }
                if (buf == null) {
                    buf = g.clone();
                } else {
                    for (int i = 0; i < g.length; i++) {
                        buf[i] = 0.9 * buf[i] + g[i];
                    }
                }
                for (int i = 0; i < g.length; i++) {
                    theta[i] -= 0.1 * (nesterov ? g[i] + 0.9 * buf[i] : buf[i]);
                }
                opt.step(fx.inputs(fx.batch, t));
                double err = DenseReference.relativeError(fx.theta(), theta);
                assertTrue(err < 1e-13, "sgd nesterov=" + nesterov + " step " + t + ": " + err);
            }
        }
    }

    @Test
    void adamFollowsPyTorchSemantics() {
        Fixture fx = Fixture.tiny(Loss.MSE, 32);
        OptimizerConfig.Builder cfg = new OptimizerConfig.Builder();
        cfg.method = Method.parse("adam");
        cfg.lr = 0.01;
        cfg.weightDecay = 0.001;
        Optimizer opt = Optimizers.create(cfg.build(), fx.net, fx.loss, DType.F64);
        double[] theta = fx.theta();
        double[] m = new double[theta.length], v = new double[theta.length];
        for (int t = 1; t <= 4; t++) {
            double[] g = gradient(fx);
            for (int i = 0; i < g.length; i++) {
                double gi = g[i] + 0.001 * theta[i];
                m[i] = 0.9 * m[i] + 0.1 * gi;
                v[i] = 0.999 * v[i] + 0.001 * gi * gi;
                double mh = m[i] / (1 - Math.pow(0.9, t));
                double vh = v[i] / (1 - Math.pow(0.999, t));
                theta[i] -= 0.01 * mh / (Math.sqrt(vh) + 1e-8);
            }
            opt.step(fx.inputs(fx.batch, t));
            double err = DenseReference.relativeError(fx.theta(), theta);
            assertTrue(err < 1e-12, "adam step " + t + ": " + err);
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void sgdReportsTheGradientAndUpdateNorms() {
        // Plain SGD reuses ‖g‖ for the update's norm; with momentum or decay the update is summed on its own.
        double[][] settings = {{0, 0}, {0.9, 0}, {0, 0.01}, {0.9, 0.01}}; // momentum, weight decay
        for (double[] set : settings) {
            Fixture fx = Fixture.tiny(Loss.CE, 33);
            OptimizerConfig.Builder cfg = new OptimizerConfig.Builder();
            cfg.method = Method.parse("sgd");
            cfg.lr = 0.1;
            cfg.momentum = set[0];
            cfg.weightDecay = set[1];
            Optimizer opt = Optimizers.create(cfg.build(), fx.net, fx.loss, DType.F64);
            double[] buf = null;
            for (int t = 1; t <= 2; t++) {
                double[] theta = fx.theta();
                double[] g = gradient(fx);
                double gradNorm = norm(g);
                for (int i = 0; i < g.length; i++) {
                    g[i] += set[1] * theta[i];
                }
                if (set[0] != 0) {
                    if (buf == null) {
                        buf = g.clone();
                    } else {
                        for (int i = 0; i < g.length; i++) {
                            buf[i] = set[0] * buf[i] + g[i];
                        }
                    }
                }
                double updateNorm = 0.1 * norm(set[0] != 0 ? buf : g);
                StepReport r = opt.step(fx.inputs(fx.batch, t));
                String at = "momentum " + set[0] + " decay " + set[1] + " step " + t;
                assertEquals(gradNorm, r.gradientNorm(), 1e-12 * gradNorm, at);
                assertEquals(updateNorm, r.directionNorm(), 1e-12 * updateNorm, at);
                if (set[0] == 0 && set[1] == 0) {
                    assertEquals(0.1 * r.gradientNorm(), r.directionNorm(), 0.0, at);
                }
            }
        }
    }

    @Test
    void nonFiniteParametersAreStillDetected() {
        // The largest step size sends θ − lr·u to ±Inf in float32 and Σθ² past the largest double in float64
        // (an infinite one is refused when the configuration is made): the step must refuse the parameters.
        for (String name : new String[] {"sgd", "adam"}) {
            for (DType dt : DType.values()) {
                Fixture fx = new Fixture(new int[] {3, 4, 2}, new Activation[] {Activation.TANH, Activation.IDENTITY},
                        Loss.MSE, 4, 34, dt);
                OptimizerConfig.Builder cfg = new OptimizerConfig.Builder();
                cfg.method = Method.parse(name);
                cfg.lr = Double.MAX_VALUE;
                Optimizer opt = Optimizers.create(cfg.build(), fx.net, fx.loss, dt);
                NumericalFailure e = assertThrows(NumericalFailure.class, () -> opt.step(fx.inputs(fx.batch, 1)), name + " " + dt);
                assertTrue(e.getMessage().contains("parameters"), e.getMessage());
            }
        }
    }
}
