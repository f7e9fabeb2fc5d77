package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.curvature.CurvatureRows;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.curvature.SpdSolver;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.profile.Phase;
import dev.gn4j.engine.profile.StepProfiler;

/**
 * d = −Jᵀ (J Jᵀ + s·λ I)⁻¹ g with J the batch's Jacobian rows: EGN for mse
 * (s = b, since Q = I) and GGN (s = 1). The right-hand side is the residual itself,
 * so no forward-mode pass is needed and nothing is divided by λ.
 */
final class KernelDirection implements Direction {
    private final boolean scaleByBatch;
    private final GramMode gramMode;
    private final SpdSolver solver;
    private final RowsCache rows;

    KernelDirection(boolean scaleByBatch, GramMode gramMode, SpdSolver solver, RowsCache rows) {
        this.scaleByBatch = scaleByBatch;
        this.gramMode = gramMode;
        this.solver = solver;
        this.rows = rows;
    }

    @Override
    public Prepared prepare(StepInputs in, Mat grad) {
        Activations ws = in.batch();
        Backend be = in.objective().backend();
        StepProfiler prof = in.objective().profiler();
        int b = ws.batch();
        prof.enter(Phase.GRAM);
        Mat seed = rows.identitySeed(b);
        CurvatureRows u = rows.rows(in.theta(), ws, seed, in.objective().network().mlp().outputs());
        Mat k = u.gram(gramMode);
        prof.exit(Phase.GRAM);
        Mat residualRows = u.workspace().rowVector2();
        be.rowDot(seed, ws.residual(), seed.rows() / b, residualRows);
        double shiftScale = scaleByBatch ? b : 1;
        return new Prepared() {
            @Override
            public void direction(double lambda, Mat d) {
                Mat t = u.workspace().rowVector();
                be.copy(residualRows, t);
                prof.enter(Phase.SOLVE);
                solver.solve(k, shiftScale * lambda, t);
                prof.exit(Phase.SOLVE);
                u.applyTranspose(t, d);
                be.scal(-1, d);
            }

            @Override
            public double curvature(Mat d) {
                return u.squaredNorm(d) / b;
            }
        };
    }
}
