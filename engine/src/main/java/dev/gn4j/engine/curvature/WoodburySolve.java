package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.profile.Phase;
import dev.gn4j.engine.profile.StepProfiler;

/**
 * The Woodbury form: d = −(1/λ) (g − Uᵀ (n λ I + K)⁻¹ U g), which is −(H + λI)⁻¹ g for
 * H = (1/n) Uᵀ U, with K = U Uᵀ over n samples' rows and g the gradient the step uses.
 */
public final class WoodburySolve implements DampedSolve {
    private final Backend be;
    private final StepProfiler prof;
    private final SpdSolver solver;
    private final CurvatureRows u;
    private final Mat k;
    private final Mat gradient;
    private final Mat projected;
    private final int samples;

    /** {@code projected} holds U g, formed once for every λ. */
    public WoodburySolve(Backend be, StepProfiler prof, SpdSolver solver, CurvatureRows u, Mat k, Mat gradient, Mat projected,
                         int samples) {
        this.be = be;
        this.prof = prof;
        this.solver = solver;
        this.u = u;
        this.k = k;
        this.gradient = gradient;
        this.projected = projected;
        this.samples = samples;
    }

    @Override
    public void direction(double lambda, Mat d) {
        Mat w = u.workspace().rowVector();
        be.copy(projected, w);
        prof.enter(Phase.SOLVE);
        solver.solve(k, samples * lambda, w);
        prof.exit(Phase.SOLVE);
        u.applyTranspose(w, d);
        be.axpy(-1, gradient, d);
        be.scal(1 / lambda, d);
    }

    @Override
    public double curvature(Mat d) {
        return u.squaredNorm(d) / samples;
    }
}
