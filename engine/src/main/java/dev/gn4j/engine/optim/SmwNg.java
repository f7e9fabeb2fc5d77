package dev.gn4j.engine.optim;

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
        return new GaussNewton(Method.SMW_NG, new WoodburyDirection(WoodburyDirection.Rows.FISHER, true,
                cfg.semiStochastic, cfg.fisher, cfg.gram, p.solver(), p.rows()), cfg, p.solver());
    }
}
