package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.profile.Phase;
import dev.gn4j.engine.profile.StepProfiler;

/**
 * Either batch-space form solved in parameter space, through the push-through identity
 * Uᵀ(UUᵀ + σI)⁻¹ = (UᵀU + σI)⁻¹Uᵀ: d = −c·(UᵀU + σI)⁻¹ v with a P × P Cholesky. The kernel
 * form (d = −Uᵀ(K + sλI)⁻¹ r) has v = Uᵀr, σ = sλ, c = 1; the Woodbury form
 * (d = −(1/λ)(g − Uᵀ(nλI + K)⁻¹Ug)) has v = g, σ = nλ, c = n. Cheaper than forming and
 * factoring K when P is below m: 2·m·P² + P³/3 FLOPs against m²·P-ish and m³/3.
 */
public final class ParameterSpaceSolve implements DampedSolve {
    private final Backend be;
    private final StepProfiler prof;
    private final SpdSolver solver;
    private final CurvatureRows u;
    private final Mat system;
    private final Mat rightHandSide;
    private final double shiftPerLambda;
    private final double scale;
    /** The kernel form's b, for ∇L = Uᵀr / b; 0 for the Woodbury form, whose ∇L the step already has. */
    private final int kernelSamples;
    private Mat lastDirection;

    private ParameterSpaceSolve(Backend be, StepProfiler prof, SpdSolver solver, CurvatureRows u, Mat system, Mat rightHandSide,
                                double shiftPerLambda, double scale, int kernelSamples) {
        this.be = be;
        this.prof = prof;
        this.solver = solver;
        this.u = u;
        this.rightHandSide = rightHandSide;
        this.shiftPerLambda = shiftPerLambda;
        this.scale = scale;
        this.kernelSamples = kernelSamples;
        this.system = system;
    }

    /** The kernel form over rows u, their {@link #system} and residual rows r: v = Uᵀr, σ = shiftScale·λ. */
    public static ParameterSpaceSolve kernel(Backend be, StepProfiler prof, SpdSolver solver, CurvatureRows u, Mat system,
                                             Mat residualRows, double shiftScale) {
        long p = u.parameters();
        Mat v = u.workspace().parameterVector(p);
        u.applyTranspose(residualRows, v);
        return new ParameterSpaceSolve(be, prof, solver, u, system, v, shiftScale, 1, u.samples());
    }

    /** The Woodbury form over rows u of n samples, their {@link #system} and the step's gradient g: v = g, σ = nλ, c = n. */
    public static ParameterSpaceSolve woodbury(Backend be, StepProfiler prof, SpdSolver solver, CurvatureRows u, Mat system,
                                               Mat gradient, int samples) {
        return new ParameterSpaceSolve(be, prof, solver, u, system, gradient, samples, samples, 0);
    }

    /** UᵀU (P × P, the Gram's dtype, in the workspace) from the explicit U: the part of the step that scales with m. */
    public static Mat system(Backend be, CurvatureRows u) {
        Mat j = u.jacobian();
        Mat a = u.workspace().parameterSystem(u.parameters());
        if (j.dtype() != a.dtype()) {
            Mat wide = u.workspace().jacobianInGramDtype(u.parameters());
            be.copy(j, wide);
            j = wide;
        }
        be.gemm(true, false, 1, j, j, 0, a);
        return a;
    }

    /** {@link #system}, timed as the step's Gram phase: for a step that turns to it after conjugate gradients. */
    public static Mat formedSystem(Backend be, StepProfiler prof, CurvatureRows u) {
        prof.enter(Phase.GRAM);
        Mat a = system(be, u);
        prof.exit(Phase.GRAM);
        return a;
    }

    @Override
    public void direction(double lambda, Mat d) {
        be.copy(rightHandSide, d);
        prof.enter(Phase.SOLVE);
        solver.solve(system, shiftPerLambda * lambda, d);
        prof.exit(Phase.SOLVE);
        be.scal(-scale, d);
        lastDirection = d;
    }

    @Override
    public double curvature(Mat d) {
        return u.squaredNorm(d) / u.samples();
    }

    @Override
    public double slope() {
        requireKernel();
        return be.dot(rightHandSide, lastDirection) / kernelSamples;
    }

    @Override
    public double gradientSquaredNorm() {
        requireKernel();
        return be.sumSquares(rightHandSide) / ((double) kernelSamples * kernelSamples);
    }

    private void requireKernel() {
        if (kernelSamples == 0) {
            throw new UnsupportedOperationException("the Woodbury form's step has ∇L as a vector");
        }
    }
}
