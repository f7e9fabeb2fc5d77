package dev.gn4j.engine.optim;

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
        return new GaussNewton(Method.SMW_GN, new WoodburyDirection(WoodburyDirection.Rows.GAUSS_NEWTON, true,
                cfg.semiStochastic, cfg.fisher, cfg.gram, p.solver(), p.rows()), cfg, p.solver());
    }
}
