package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;

/**
 * A damped system solved in a parameterization's coordinates θ̃, answered in θ's: the
 * direction is S d̃, and a θ-direction's curvature is that of S⁻¹ d in θ̃. The slope ∇Lᵀd
 * is the same number in both coordinates; ‖∇L‖² is the norm of ∇_θ̃ L = S ∇L.
 */
public final class ScaledSolve extends ForwardingSolve {
    private final Backend be;
    private final DampedSolve inner;
    private final ParameterScaling scaling;
    private final Mat scratch;

    /** inner: a solve over the rows u, which are in the coordinates of u's scaling. */
    public ScaledSolve(Backend be, DampedSolve inner, CurvatureRows u) {
        this.be = be;
        this.inner = inner;
        this.scaling = u.scaling();
        this.scratch = u.workspace().unscaledDirection(u.parameters());
    }

    /** solve itself where u is in θ's own coordinates, else solve answered in them. */
    public static DampedSolve inModelCoordinates(Backend be, DampedSolve solve, CurvatureRows u) {
        return u.scaling().isIdentity() ? solve : new ScaledSolve(be, solve, u);
    }

    @Override
    public void direction(double lambda, Mat d) {
        inner.direction(lambda, d);
        scaling.apply(be, d, 1);
    }

    @Override
    public double curvature(Mat d) {
        be.copy(d, scratch);
        scaling.apply(be, scratch, -1);
        return inner.curvature(scratch);
    }

    @Override
    protected DampedSolve delegate() {
        return inner;
    }
}
