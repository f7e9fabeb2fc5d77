package dev.gn4j.engine.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.Fixture;
import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.model.Loss;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The GGN paper's claim: on an overparameterized regression net, full-batch GGN
 * converges quadratically. 12 samples, a 2-64-tanh-1 net (257 parameters), λ = 1e-12,
 * float64: the training loss must fall below 1e-12 times its start within 12 steps.
 */
class GgnQuadraticConvergenceTest {

    @Test
    void fullBatchGgnReachesMachinePrecisionLossWithinTwelveSteps() {
        Fixture fx = new Fixture(new int[] {2, 64, 1}, new Activation[] {Activation.TANH, Activation.IDENTITY}, Loss.MSE,
                12, 5, DType.F64);
        OptimizerConfig.Builder cfg = new OptimizerConfig.Builder();
        cfg.method = Method.parse("ggn");
        cfg.lr = 1;
        cfg.lambda = 1e-12;
        cfg.gram = GramMode.FACTORED;
        Optimizer opt = Optimizers.create(cfg.build(), fx.net, Loss.MSE, DType.F64);
        double start = fx.objective.value(fx.theta, fx.batch);
        List<Double> losses = new ArrayList<>(List.of(start));
        int reached = -1;
        for (int t = 1; t <= 12; t++) {
            opt.step(fx.inputs(fx.batch, t));
            double loss = fx.objective.value(fx.theta, fx.batch);
            losses.add(loss);
            if (loss <= 1e-12 * start) {
                reached = t;
                break;
            }
        }
        assertTrue(reached > 0, "loss did not reach 1e-12 × start in 12 steps: " + losses);
        // Quadratic rate: once in the basin, each step at least squares the relative loss (up to a constant).
        System.out.println("GGN full-batch losses (start " + start + "): " + losses + "; 1e-12×start reached at step " + reached);
    }
}
