package dev.gn4j.engine.optim;

import dev.gn4j.engine.curvature.RowSpec;
import dev.gn4j.engine.optim.WoodburyDirection.Gradient;
import dev.gn4j.engine.optim.WoodburyDirection.Samples;

/**
 * SMW-NG, subsampled natural gradient (MATH.md §SMW): the Woodbury form over per-sample
 * gradients of a curvature subsample (the empirical Fisher, or the sampled-label one),
 * with the batch gradient or, semi-stochastic, the full-data one.
 */
final class SmwNg {
    private SmwNg() {
    }

    static Optimizer create(MethodParts p) {
        OptimizerConfig cfg = p.cfg();
        Gradient gradient = cfg.semiStochastic() ? Gradient.FULL_DATA : Gradient.BATCH;
        Direction direction = new WoodburyDirection(new RowSpec.SampleGradients(cfg.fisher()),
                Samples.CURVATURE_SUBSAMPLE, gradient, cfg.gram(), cfg.solver(), p.solver(), p.rows());
        return new GaussNewton(Method.SMW_NG, direction, cfg, p.solver());
    }
}
