package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.curvature.CurvatureRows;
import dev.gn4j.engine.curvature.DampedSolve;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.curvature.KernelSolve;
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
    public boolean batchSpaceGradient() {
        return true;
    }

    @Override
    public DampedSolve prepare(StepInputs in, Mat grad) {
        Activations ws = in.batch();
        Backend be = in.objective().backend();
        StepProfiler prof = in.objective().profiler();
        int b = ws.batch();
        prof.enter(Phase.GRAM);
        Mat seed = rows.identitySeed(b);
        CurvatureRows u = rows.rows(in.theta(), ws, seed, in.objective().network().mlp().outputs());
        Mat k = u.gram(gramMode);
        prof.exit(Phase.GRAM);
        int m = seed.rows();
        Mat residualRows = u.workspace().rowVector2();
        be.rowDot(seed, ws.residual(), m / b, residualRows);
        // The quadratic forms run in K's dtype: r and t are used as they are when it is theirs,
        // else widened into buffers of K's dtype (looked up once per step, not per call).
        Mat t = rows.buffer("solution", m, 1);
        KernelSolve.Buffers buffers = new KernelSolve.Buffers(t, rows.buffer("quadratic-Ky", m, 1, k.dtype()),
                inDtypeOf(k, residualRows, "quadratic-r"), inDtypeOf(k, t, "quadratic-t"));
        return new KernelSolve(be, prof, solver, u, k, residualRows, b, scaleByBatch ? b : 1, buffers);
    }

    /** v itself when it has K's dtype, else a named buffer of v's length in K's dtype. */
    private Mat inDtypeOf(Mat k, Mat v, String name) {
        return v.dtype() == k.dtype() ? v : rows.buffer(name, v.rows(), 1, k.dtype());
    }
}
