package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.curvature.CurvatureRows;
import dev.gn4j.engine.curvature.DampedSolve;
import dev.gn4j.engine.curvature.DirectTurns;
import dev.gn4j.engine.curvature.FallbackSolve;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.curvature.ParameterSpaceSolve;
import dev.gn4j.engine.curvature.RowSpec;
import dev.gn4j.engine.curvature.RowSystem;
import dev.gn4j.engine.curvature.RowSystems;
import dev.gn4j.engine.curvature.RowsFactory;
import dev.gn4j.engine.curvature.SolverKind;
import dev.gn4j.engine.curvature.SolverSettings;
import dev.gn4j.engine.curvature.SpdSolver;
import dev.gn4j.engine.curvature.WoodburySolve;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.profile.Phase;
import dev.gn4j.engine.profile.StepProfiler;

/**
 * The Woodbury form ({@link WoodburySolve}), −(H + λI)⁻¹ ∇L with H = (1/n) Uᵀ U: the rows U
 * of a {@link RowSpec} over n samples, the batch or the curvature subsample, with the batch
 * gradient or the full-data one.
 */
final class WoodburyDirection implements Direction {
    /** The samples the rows are over. */
    enum Samples { BATCH, CURVATURE_SUBSAMPLE }

    /** The gradient the step solves against: the batch's, or the full data's (semi-stochastic). */
    enum Gradient { BATCH, FULL_DATA }

    private final RowSpec spec;
    private final Samples samples;
    private final Gradient gradient;
    private final GramMode gramMode;
    private final SolverSettings settings;
    private final SpdSolver solver;
    private final RowsFactory rows;
    private final DirectTurns turns = new DirectTurns();
    private Mat fullGradient;

    WoodburyDirection(RowSpec spec, Samples samples, Gradient gradient, GramMode gramMode, SolverSettings settings,
                      SpdSolver solver, RowsFactory rows) {
        this.spec = spec;
        this.samples = samples;
        this.gradient = gradient;
        this.gramMode = gramMode;
        this.settings = settings;
        this.solver = solver;
        this.rows = rows;
    }

    @Override
    public DampedSolve prepare(StepInputs in, Mat batchGrad) {
        Objective obj = in.objective();
        StepProfiler prof = obj.profiler();
        Activations ws = samples == Samples.CURVATURE_SUBSAMPLE ? in.curvatureBatch() : in.batch();
        if (ws != in.batch()) {
            prof.enter(Phase.FORWARD);
            obj.value(in.theta(), ws); // forward state and residual on the subsample
            prof.exit(Phase.FORWARD);
        }
        Mat grad = batchGrad;
        if (gradient == Gradient.FULL_DATA) {
            if (fullGradient == null) {
                fullGradient = obj.backend().zeros(batchGrad.rows(), 1, batchGrad.dtype());
            }
            grad = fullGradient;
            in.fullGradient().compute(in.theta(), grad);
        }
        prof.enter(Phase.GRAM);
        CurvatureRows u = rows.rows(spec, in.theta(), ws, in.random());
        SolverSettings resolved = RowSystems.resolve(settings, u);
        SolverKind kind = resolved.kind();
        Backend be = obj.backend();
        RowSystem system = kind == SolverKind.PARAM ? null : RowSystems.of(resolved, be, prof, solver, u, gramMode, turns);
        Mat parameterSystem = kind == SolverKind.PARAM ? ParameterSpaceSolve.system(be, u) : null;
        prof.exit(Phase.GRAM);
        DampedSolve solve;
        if (kind == SolverKind.PARAM) {
            solve = ParameterSpaceSolve.woodbury(be, prof, solver, u, parameterSystem, grad, ws.batch());
        } else {
            Mat projected = u.workspace().rowVector2();
            u.apply(grad, projected);
            solve = new WoodburySolve(be, system, u, grad, projected, ws.batch());
            if (resolved.direct() == SolverKind.PARAM) {
                Mat g = grad;
                solve = new FallbackSolve(solve, () -> ParameterSpaceSolve.woodbury(be, prof, solver, u,
                        ParameterSpaceSolve.formedSystem(be, prof, u), g, ws.batch()));
            }
        }
        return solve;
    }

    @Override
    public DirectTurns directTurns() {
        return turns;
    }
}
