package dev.gn4j.engine.optim;

import dev.gn4j.engine.curvature.RowSpec;
import dev.gn4j.engine.optim.WoodburyDirection.Gradient;
import dev.gn4j.engine.optim.WoodburyDirection.Samples;

/**
 * SMW-GN, subsampled Gauss-Newton (MATH.md, Optimizers: SMW-GN): the Woodbury form over the rows B_S·J_S
 * of a curvature subsample of n₂ samples, with the batch gradient or, semi-stochastic,
 * the full-data one.
 */
final class SmwGn {
    private SmwGn() {
    }

    static Optimizer create(MethodParts p) {
        OptimizerConfig cfg = p.cfg();
        Gradient gradient = cfg.semiStochastic() ? Gradient.FULL_DATA : Gradient.BATCH;
        Direction direction = new WoodburyDirection(new RowSpec.GaussNewtonFactor(),
                Samples.CURVATURE_SUBSAMPLE, gradient, cfg.gram(), cfg.solver(), p.solver(), p.rows());
        return new GaussNewton(Method.SMW_GN, direction, cfg, p.solver());
    }
}
