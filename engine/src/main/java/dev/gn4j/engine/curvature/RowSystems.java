package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.profile.StepProfiler;

/** The {@link RowSystem} of a step's rows for the run's solver: where each direction form finds its system. */
public final class RowSystems {
    private RowSystems() {
    }

    /** The solver for rows u: the settings' own, or for AUTO the plan's choice with no memory limit known here. */
    public static SolverKind kindFor(SolverSettings settings, CurvatureRows u) {
        if (settings.kind() != SolverKind.AUTO) {
            return settings.kind();
        }
        DType dtype = u.workspace().dtype();
        return SolverPlan.choose(SolverKind.AUTO, u.rows(), u.parameters(), dtype.bytes(), u.gramDtype().bytes(), Long.MAX_VALUE)
                .kind();
    }

    /** K formed in {@code mode} and factored, or conjugate gradients; not for PARAM, which solves in P × P instead. */
    public static RowSystem of(SolverKind kind, Backend be, StepProfiler prof, SpdSolver solver, CurvatureRows u, GramMode mode,
                               SolverSettings settings) {
        return switch (kind) {
            case CG -> new ConjugateGradient(be, prof, u, settings, u.workspace().parameterVector(u.parameters()));
            case CHOLESKY, AUTO -> new FactoredSystem(be, prof, solver, u, u.gram(mode));
            case PARAM -> throw new IllegalArgumentException("the parameter-space solve has no batch-space system");
        };
    }
}
