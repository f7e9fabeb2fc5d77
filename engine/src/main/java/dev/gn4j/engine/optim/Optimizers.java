package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.curvature.SpdSolver;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Network;

/** Builds an optimizer by name from its configuration. */
public final class Optimizers {
    private Optimizers() {
    }

    /** @throws IllegalArgumentException for an unknown name or a combination MATH.md rules out */
    public static Optimizer create(OptimizerConfig cfg, Network net, Loss loss, DType dtype) {
        validate(cfg, loss);
        DType solveDtype = cfg.solveDtype == null ? dtype : cfg.solveDtype;
        SpdSolver solver = new SpdSolver(net.backend());
        RowsCache cache = new RowsCache(net, dtype, solveDtype);
        String name = cfg.normalizedName();
        return switch (name) {
            case "egn", "lm" -> new GaussNewton(name, loss == Loss.MSE
                    ? new KernelDirection(true, cfg.gram, solver, cache)
                    : new WoodburyDirection(WoodburyDirection.Rows.GAUSS_NEWTON, false, false, cfg.fisher, cfg.gram, solver, cache),
                    cfg, solver, name.equals("lm"));
            case "ggn" -> new GaussNewton(name, new KernelDirection(false, cfg.gram, solver, cache), cfg, solver, false);
            case "smw-gn" -> new GaussNewton(name, new WoodburyDirection(WoodburyDirection.Rows.GAUSS_NEWTON, true,
                    cfg.semiStochastic, cfg.fisher, cfg.gram, solver, cache), cfg, solver, false);
            case "smw-ng" -> new GaussNewton(name, new WoodburyDirection(WoodburyDirection.Rows.FISHER, true,
                    cfg.semiStochastic, cfg.fisher, cfg.gram, solver, cache), cfg, solver, false);
            case "sgd" -> new Sgd(cfg);
            case "adam" -> new Adam(cfg);
            default -> throw new IllegalArgumentException("unknown optimizer '" + cfg.name
                    + "' (expected one of egn, ggn, smw-gn, smw-ng, lm, sgd, adam)");
        };
    }

    static void validate(OptimizerConfig cfg, Loss loss) {
        String name = cfg.normalizedName();
        if (name.equals("ggn") && loss == Loss.CE) {
            throw new IllegalArgumentException("ggn is defined for the mse loss only; use --optimizer egn for ce "
                    + "(EGN is GGN's exact generalization to any loss)");
        }
        if (name.equals("lm") && (cfg.lineSearch || cfg.adaptiveLambda || cfg.momentum != 0)) {
            throw new IllegalArgumentException("lm controls its step and λ by accept/reject; drop --line-search, "
                    + "--adaptive-lambda and --momentum, or use --optimizer egn with them");
        }
        if (!(cfg.lambda > 0) && !name.equals("sgd") && !name.equals("adam")) {
            throw new IllegalArgumentException("--lambda must be positive, got " + cfg.lambda);
        }
        if (!(cfg.effectiveLr() > 0)) {
            throw new IllegalArgumentException("--lr must be positive, got " + cfg.lr);
        }
        if (cfg.momentum < 0 || cfg.momentum >= 1) {
            throw new IllegalArgumentException("--momentum must be in [0, 1), got " + cfg.momentum);
        }
        if (cfg.curvatureBatch < 0) {
            throw new IllegalArgumentException("--curvature-batch must be positive, got " + cfg.curvatureBatch);
        }
    }
}
