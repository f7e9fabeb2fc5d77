package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.profile.Phase;
import dev.gn4j.engine.profile.StepProfiler;

/**
 * K formed (in the Gram's dtype, lower triangle) and factored for each shift by {@link SpdSolver}
 * with its fallbacks; quadratic forms are one symmetric matrix-vector product.
 */
public final class FactoredSystem implements RowSystem {
    private final Backend be;
    private final StepProfiler prof;
    private final SpdSolver solver;
    private final Mat k;
    private final Mat ky;
    private final Mat xWide;
    private final Mat yWide;

    public FactoredSystem(Backend be, StepProfiler prof, SpdSolver solver, CurvatureRows u, Mat k) {
        this.be = be;
        this.prof = prof;
        this.solver = solver;
        this.k = k;
        RowsWorkspace work = u.workspace();
        this.ky = work.gramProduct();
        this.xWide = work.residualInGramDtype();
        this.yWide = work.solutionInGramDtype();
    }

    @Override
    public void solve(double shift, Mat rhs) {
        prof.enter(Phase.SOLVE);
        solver.solve(k, shift, rhs);
        prof.exit(Phase.SOLVE);
    }

    @Override
    public double quadraticForm(Mat x, Mat y) {
        Mat xw = widen(x, xWide);
        Mat yw = y == x ? xw : widen(y, yWide);
        be.symv(1, k, yw, 0, ky);
        return be.dot(xw, ky);
    }

    /** v in K's dtype: v itself, or its copy in target. */
    private Mat widen(Mat v, Mat target) {
        if (v.dtype() == k.dtype()) {
            return v;
        }
        be.copy(v, target);
        return target;
    }
}
