package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.curvature.ParameterScaling;
import dev.gn4j.engine.curvature.RowsFactory;
import dev.gn4j.engine.curvature.SpdSolver;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.model.Network;
import dev.gn4j.engine.model.Parameterization;

/** Builds an optimizer by name from its configuration. */
public final class Optimizers {
    private Optimizers() {
    }

    /** @throws IllegalArgumentException for an unknown name or a combination MATH.md rules out */
    public static Optimizer create(OptimizerConfig cfg, Network net, Loss loss, DType dtype) {
        validate(cfg, loss);
        DType solveDtype = cfg.solveDtype() == null ? dtype : cfg.solveDtype();
        SpdSolver solver = new SpdSolver(net.backend(), DType.wider(dtype, solveDtype));
        ParameterScaling scaling = new ParameterScaling(net.mlp(), cfg.parameterization());
        MethodParts parts = new MethodParts(cfg, loss, solver, new RowsFactory(net, loss, dtype, solveDtype, scaling));
        return switch (cfg.method()) {
            case EGN -> Egn.create(parts);
            case GGN -> Ggn.create(parts);
            case SMW_GN -> SmwGn.create(parts);
            case SMW_NG -> SmwNg.create(parts);
            case LM -> Lm.create(parts);
            case SGD -> new Sgd(cfg);
            case ADAM -> new Adam(cfg);
        };
    }

    /** What the configuration alone cannot check: a method defined for one loss only (the rest {@link OptimizerConfig} checks when made). */
    static void validate(OptimizerConfig cfg, Loss loss) {
        if (cfg.method() == Method.GGN && loss == Loss.CE) {
            throw new IllegalArgumentException("ggn is defined for the mse loss only; use --optimizer egn for ce "
                    + "(EGN is GGN's exact generalization to any loss)");
        }
        if (cfg.parameterization() != Parameterization.STANDARD && loss != Loss.MSE) {
            throw new IllegalArgumentException("--parameterization " + cfg.parameterization().flag() + " is for the kernel form, "
                    + "egn and ggn with the mse loss; egn with ce steps in the standard parameterization");
        }
    }
}
