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
 * so no forward-mode pass is needed and nothing is divided by λ. The batch gradient
 * enters the step only through ∇Lᵀd and ‖∇L‖, which are quadratic forms of K, so a
 * step without momentum needs no gradient vector (see {@link #batchSpaceGradient}).
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
        int m = seed.rows();
        Mat residualRows = u.workspace().rowVector2();
        be.rowDot(seed, ws.residual(), m / b, residualRows);
        // t outlives direction(): slope() reads it after the curvature product has used the row scratch.
        Mat t = rows.buffer("solution", m, 1);
        // The quadratic forms below run in K's dtype: r and t are used as they are when it is
        // theirs, else widened into these buffers (looked up once per step, not per call).
        Mat ky = rows.buffer("quadratic-Ky", m, 1, k.dtype());
        Mat rk = inDtypeOf(k, residualRows, "quadratic-r");
        Mat tk = inDtypeOf(k, t, "quadratic-t");
        double shiftScale = scaleByBatch ? b : 1;
        return new Prepared() {
            @Override
            public void direction(double lambda, Mat d) {
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

            // With ∇L = Jᵀr / b and d = −Jᵀt, both scalars are quadratic forms of K = J Jᵀ in
            // batch space: ∇Lᵀd = −rᵀKt / b and ‖∇L‖² = rᵀKr / b². One symmetric matrix-vector
            // product of m² each, instead of a backward pass over P.

            @Override
            public double slope() {
                return -quadraticForm(be, k, widen(be, residualRows, rk), widen(be, t, tk), ky) / b;
            }

            @Override
            public double gradientSquaredNorm() {
                Mat r = widen(be, residualRows, rk);
                return quadraticForm(be, k, r, r, ky) / ((double) b * b);
            }
        };
    }

    /** v itself when it has K's dtype, else a named buffer of v's length in K's dtype. */
    private Mat inDtypeOf(Mat k, Mat v, String name) {
        return v.dtype() == k.dtype() ? v : rows.buffer(name, v.rows(), 1, k.dtype());
    }

    /** target ← v, unless target is v; returns target. */
    private static Mat widen(Backend be, Mat v, Mat target) {
        if (target != v) {
            be.copy(v, target);
        }
        return target;
    }

    /** xᵀ K y with K's lower triangle; x, y and the scratch ky in K's dtype. */
    private static double quadraticForm(Backend be, Mat k, Mat x, Mat y, Mat ky) {
        be.symv(1, k, y, 0, ky);
        return be.dot(x, ky);
    }
}
