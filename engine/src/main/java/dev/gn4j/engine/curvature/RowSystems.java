package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.profile.StepProfiler;

/** The {@link RowSystem} of a step's rows for the run's solver: where each direction form finds its system. */
public final class RowSystems {
    private RowSystems() {
    }

    /** The settings for rows u: the run's own when resolved, or for AUTO the plan's, with no memory limit known here. */
    public static SolverSettings resolve(SolverSettings settings, CurvatureRows u) {
        if (settings.kind() != SolverKind.AUTO) {
            return settings;
        }
        SystemSize size = SystemSize.of(u.mlp(), u.samples(), u.rows() / Math.max(1, u.samples()), u.workspace().dtype().bytes(),
                u.gramDtype().bytes(), u.workspace().factorDtype().bytes());
        return SolverPlan.choose(SolverKind.AUTO, size, settings.cgMaxIterations(), Long.MAX_VALUE).settings(settings);
    }

    /**
     * K formed in {@code mode} and factored, or conjugate gradients (straight to K in the steps after CG turned to it,
     * {@link DirectTurns}); not for PARAM, which solves in P × P instead.
     */
    public static RowSystem of(SolverSettings settings, Backend be, StepProfiler prof, SpdSolver solver, CurvatureRows u,
                               GramMode mode, DirectTurns turns) {
        return switch (settings.kind()) {
            case CG -> settings.directAfter() > 0 && settings.direct() == SolverKind.CHOLESKY && turns.formKAtOnce()
                    ? new FactoredSystem(be, prof, solver, u, u.gram(mode))
                    : new ConjugateGradient(be, prof, u, settings, u.workspace().parameterVector(u.parameters()),
                            () -> new FactoredSystem(be, prof, solver, u, u.gram(mode)), turns);
            case CHOLESKY, AUTO -> new FactoredSystem(be, prof, solver, u, u.gram(mode));
            case PARAM -> throw new IllegalArgumentException("the parameter-space solve has no batch-space system");
        };
    }
}
