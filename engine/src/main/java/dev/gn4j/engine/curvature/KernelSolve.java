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
    private final Buffers buffers;

    /**
     * Where the solve keeps its vectors: t (m, outliving {@link #direction}: {@link #slope}
     * reads it after the curvature product has used the row scratch); K·y (m, K's dtype); r and t
     * in K's dtype, which are r and t themselves when they have it.
     */
    public record Buffers(Mat t, Mat ky, Mat rInGramDtype, Mat tInGramDtype) {
    }

    public KernelSolve(Backend be, StepProfiler prof, SpdSolver solver, CurvatureRows u, Mat k, Mat residualRows, int samples,
                       double shiftScale, Buffers buffers) {
        this.be = be;
        this.prof = prof;
        this.solver = solver;
        this.u = u;
        this.k = k;
        this.residualRows = residualRows;
        this.samples = samples;
        this.shiftScale = shiftScale;
        this.buffers = buffers;
    }

    @Override
    public void direction(double lambda, Mat d) {
        Mat t = buffers.t();
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
        return -quadraticForm(widen(residualRows, buffers.rInGramDtype()), widen(buffers.t(), buffers.tInGramDtype())) / samples;
    }

    @Override
    public double gradientSquaredNorm() {
        Mat r = widen(residualRows, buffers.rInGramDtype());
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
        be.symv(1, k, y, 0, buffers.ky());
        return be.dot(x, buffers.ky());
    }
}
