package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.profile.Phase;
import dev.gn4j.engine.profile.StepProfiler;

/**
 * The kernel form: d = −Uᵀ (K + s·λ I)⁻¹ r with U the Jacobian rows of b samples, K = U Uᵀ
 * and r the residual rows; s = b for EGN with mse, 1 for GGN. The right-hand side is the
 * residual itself, so no forward-mode pass is needed and nothing is divided by λ.
 *
 * <p>With ∇L = Uᵀr / b and d = −Uᵀt, the step's scalars are quadratic forms of K in batch
 * space: ∇Lᵀd = −rᵀKt / b and ‖∇L‖² = rᵀKr / b², one symmetric matrix-vector product of
 * m² each instead of a backward pass over P.
 */
public final class KernelSolve implements DampedSolve {
    private final Backend be;
    private final StepProfiler prof;
    private final SpdSolver solver;
    private final CurvatureRows u;
    private final Mat k;
    private final Mat residualRows;
    private final int samples;
    private final double shiftScale;

    private final Mat t;
    private final Mat ky;
    private final Mat rInGramDtype;
    private final Mat tInGramDtype;

    /**
     * The system over the rows u with their Gram k and residual rows r. Its vectors live in u's
     * workspace: t, K·y, and r and t in K's dtype (r and t themselves when they have it).
     */
    public KernelSolve(Backend be, StepProfiler prof, SpdSolver solver, CurvatureRows u, Mat k, Mat residualRows,
                       double shiftScale) {
        this.be = be;
        this.prof = prof;
        this.solver = solver;
        this.u = u;
        this.k = k;
        this.residualRows = residualRows;
        this.samples = u.samples();
        this.shiftScale = shiftScale;
        RowsWorkspace work = u.workspace();
        this.t = work.solution();
        this.ky = work.gramProduct();
        this.rInGramDtype = residualRows.dtype() == k.dtype() ? residualRows : work.residualInGramDtype();
        this.tInGramDtype = t.dtype() == k.dtype() ? t : work.solutionInGramDtype();
    }

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
        return u.squaredNorm(d) / samples;
    }

    @Override
    public double slope() {
        return -quadraticForm(widen(residualRows, rInGramDtype), widen(t, tInGramDtype)) / samples;
    }

    @Override
    public double gradientSquaredNorm() {
        Mat r = widen(residualRows, rInGramDtype);
        return quadraticForm(r, r) / ((double) samples * samples);
    }

    /** target ← v, unless target is v; returns target. */
    private Mat widen(Mat v, Mat target) {
        if (target != v) {
            be.copy(v, target);
        }
        return target;
    }

    /** xᵀ K y with K's lower triangle; x and y in K's dtype. */
    private double quadraticForm(Mat x, Mat y) {
        be.symv(1, k, y, 0, ky);
        return be.dot(x, ky);
    }
}
