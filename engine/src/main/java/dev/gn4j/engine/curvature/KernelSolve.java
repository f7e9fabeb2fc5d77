package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;

/**
 * The kernel form: d = −Uᵀ (K + s·λ I)⁻¹ r with U the Jacobian rows of b samples, K = U Uᵀ
 * and r the residual rows; s = b for EGN with mse, 1 for GGN. The right-hand side is the
 * residual itself, so no forward-mode pass is needed and nothing is divided by λ.
 *
 * <p>With ∇L = Uᵀr / b and d = −Uᵀt, the step's scalars are quadratic forms of K in batch
 * space: ∇Lᵀd = −rᵀKt / b and ‖∇L‖² = rᵀKr / b², one symmetric matrix-vector product of
 * m² each instead of a backward pass over P where K is formed. The {@link RowSystem} solves.
 */
public final class KernelSolve implements OverRowSystem {
    private final Backend be;
    private final RowSystem system;
    private final CurvatureRows u;
    private final Mat residualRows;
    private final int samples;
    private final double shiftScale;
    private final Mat t;

    /** The system over the rows u with residual rows r; t lives in u's workspace. */
    public KernelSolve(Backend be, RowSystem system, CurvatureRows u, Mat residualRows, double shiftScale) {
        this.be = be;
        this.system = system;
        this.u = u;
        this.residualRows = residualRows;
        this.samples = u.samples();
        this.shiftScale = shiftScale;
        this.t = u.workspace().solution();
    }

    @Override
    public void direction(double lambda, Mat d) {
        be.copy(residualRows, t);
        system.solve(shiftScale * lambda, t);
        u.applyTranspose(t, d);
        be.scal(-1, d);
    }

    @Override
    public double curvature(Mat d) {
        return u.squaredNorm(d) / samples;
    }

    @Override
    public double slope() {
        return -system.quadraticForm(residualRows, t) / samples;
    }

    @Override
    public double gradientSquaredNorm() {
        return system.quadraticForm(residualRows, residualRows) / ((double) samples * samples);
    }

    @Override
    public RowSystem system() {
        return system;
    }
}
