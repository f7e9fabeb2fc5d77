package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.curvature.CurvatureRows;
import dev.gn4j.engine.curvature.DampedSolve;
import dev.gn4j.engine.curvature.DirectTurns;
import dev.gn4j.engine.curvature.FallbackSolve;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.curvature.KernelSolve;
import dev.gn4j.engine.curvature.ParameterSpaceSolve;
import dev.gn4j.engine.curvature.RowSpec;
import dev.gn4j.engine.curvature.RowSystem;
import dev.gn4j.engine.curvature.RowSystems;
import dev.gn4j.engine.curvature.RowsFactory;
import dev.gn4j.engine.curvature.ScaledSolve;
import dev.gn4j.engine.curvature.SolverKind;
import dev.gn4j.engine.curvature.SolverSettings;
import dev.gn4j.engine.curvature.SpdSolver;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.profile.Phase;
import dev.gn4j.engine.profile.StepProfiler;

/**
 * The kernel form ({@link KernelSolve}) over the batch's Jacobian rows J: EGN for mse
 * (s = b, since Q = I) and GGN (s = 1). The batch gradient enters the step only through
 * ∇Lᵀd and ‖∇L‖, which are quadratic forms of K, so a step without momentum needs no
 * gradient vector (see {@link #batchSpaceGradient}).
 */
final class KernelDirection implements Direction {
    /** What λ is scaled by in K + s·λ I. */
    enum Shift {
        /** s = b: EGN, whose λ damps the mean loss. */
        BATCH,
        /** s = 1: GGN's damping of the summed loss. */
        ONE
    }

    private static final RowSpec ROWS = new RowSpec.Jacobian();

    private final Shift shift;
    private final GramMode gramMode;
    private final SolverSettings settings;
    private final SpdSolver solver;
    private final RowsFactory rows;
    private final DirectTurns turns = new DirectTurns();

    KernelDirection(Shift shift, GramMode gramMode, SolverSettings settings, SpdSolver solver, RowsFactory rows) {
        this.shift = shift;
        this.gramMode = gramMode;
        this.settings = settings;
        this.solver = solver;
        this.rows = rows;
    }

    @Override
    public boolean batchSpaceGradient() {
        return true;
    }

    @Override
    public DampedSolve prepare(StepInputs in, Mat grad) {
        Activations ws = in.batch();
        Objective obj = in.objective();
        StepProfiler prof = obj.profiler();
        prof.enter(Phase.GRAM);
        CurvatureRows u = rows.rows(ROWS, in.theta(), ws, in.random());
        SolverSettings resolved = RowSystems.resolve(settings, u);
        SolverKind kind = resolved.kind();
        Backend be = obj.backend();
        RowSystem system = kind == SolverKind.PARAM ? null : RowSystems.of(resolved, be, prof, solver, u, gramMode, turns);
        Mat parameterSystem = kind == SolverKind.PARAM ? ParameterSpaceSolve.system(be, u) : null;
        prof.exit(Phase.GRAM);
        Mat residualRows = u.workspace().rowVector2();
        u.seedDot(ws.residual(), residualRows);
        double shiftScale = shift == Shift.BATCH ? ws.batch() : 1;
        DampedSolve solve;
        if (kind == SolverKind.PARAM) {
            solve = ParameterSpaceSolve.kernel(be, prof, solver, u, parameterSystem, residualRows, shiftScale);
        } else if (resolved.direct() != SolverKind.PARAM) {
            solve = new KernelSolve(be, system, u, residualRows, shiftScale);
        } else {
            solve = new FallbackSolve(new KernelSolve(be, system, u, residualRows, shiftScale), () -> ParameterSpaceSolve.kernel(be,
                    prof, solver, u, ParameterSpaceSolve.formedSystem(be, prof, u), residualRows, shiftScale));
        }
        return ScaledSolve.inModelCoordinates(be, solve, u);
    }

    @Override
    public DirectTurns directTurns() {
        return turns;
    }
}
