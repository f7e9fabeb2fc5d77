package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;

/**
 * The Woodbury form: d = −(1/λ) (g − Uᵀ (n λ I + K)⁻¹ U g), which is −(H + λI)⁻¹ g for
 * H = (1/n) Uᵀ U, with K = U Uᵀ over n samples' rows and g the gradient the step uses.
 */
public final class WoodburySolve implements OverRowSystem {
    private final Backend be;
    private final RowSystem system;
    private final CurvatureRows u;
    private final Mat gradient;
    private final Mat projected;
    private final int samples;

    /** {@code projected} holds U g, formed once for every λ. */
    public WoodburySolve(Backend be, RowSystem system, CurvatureRows u, Mat gradient, Mat projected, int samples) {
        this.be = be;
        this.system = system;
        this.u = u;
        this.gradient = gradient;
        this.projected = projected;
        this.samples = samples;
    }

    @Override
    public void direction(double lambda, Mat d) {
        Mat w = u.workspace().rowVector();
        be.copy(projected, w);
        system.solve(samples * lambda, w);
        u.applyTranspose(w, d);
        be.axpy(-1, gradient, d);
        be.scal(1 / lambda, d);
    }

    @Override
    public double curvature(Mat d) {
        return u.squaredNorm(d) / samples;
    }

    @Override
    public RowSystem system() {
        return system;
    }
}
