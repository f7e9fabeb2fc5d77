package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.profile.Phase;
import dev.gn4j.engine.profile.StepProfiler;

/**
 * (K + σI) t = y by conjugate gradients, never forming K: K·v = U(Uᵀv) is one backward pass
 * (Uᵀv, a P-vector) and one forward-mode pass. Starts from t = 0 and stops when the recurrence
 * residual is at most tolerance·‖y‖ or after maxIterations; the residual reported is recomputed
 * from t at the end, so it is the true one. K + σI is symmetric positive definite for σ > 0, so
 * every iteration is defined. Memory: five m-vectors and one P-vector, whatever m is.
 *
 * <p>With {@code directAfter} set (--solver auto where a direct way fits), a solve that has not
 * converged after that many iterations either forms and factors K and solves directly, the rest of
 * the step then using K (its residual reported as NaN, as for a direct solve), or, where the
 * direct way is the P × P system, stops and says so ({@link #converged}): that way is the
 * direction's to take ({@link FallbackSolve}).
 */
public final class ConjugateGradient implements RowSystem {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConjugateGradient.class);
    /** One line a process for the turn to Cholesky: metrics.csv has every step's count. */
    private static volatile boolean warned;
    private final Backend be;
    private final StepProfiler prof;
    private final CurvatureRows u;
    private final SolverSettings settings;
    private final Mat t;
    private final Mat r;
    private final Mat p;
    private final Mat kp;
    private final Mat inParameters;
    private final Mat saved;
    private final java.util.function.Supplier<RowSystem> direct;
    private final DirectTurns turns;
    private RowSystem factored;
    private int iterations;
    private double residual = Double.NaN;
    private boolean converged = true;

    /**
     * direct: forms and factors K, for a solve that has not converged after {@code settings.directAfter()} iterations
     * where the settings turn to Cholesky; unused otherwise. turns: told of each such turn.
     */
    public ConjugateGradient(Backend be, StepProfiler prof, CurvatureRows u, SolverSettings settings, Mat parameterScratch,
                             java.util.function.Supplier<RowSystem> direct, DirectTurns turns) {
        this.be = be;
        this.prof = prof;
        this.u = u;
        this.settings = settings;
        RowsWorkspace work = u.workspace();
        this.t = work.cgVector(0);
        this.r = work.cgVector(1);
        this.p = work.cgVector(2);
        this.kp = work.cgVector(3);
        this.saved = turnsToK() ? work.cgVector(4) : null; // the right-hand side, for the turn to K
        this.inParameters = parameterScratch;
        this.direct = direct;
        this.turns = turns;
    }

    private boolean turnsToK() {
        return settings.directAfter() > 0 && settings.direct() == SolverKind.CHOLESKY;
    }

    /** out ← (K + shift·I) v. */
    private void apply(double shift, Mat v, Mat out) {
        u.applyTranspose(v, inParameters);
        u.apply(inParameters, out);
        if (shift != 0) {
            be.axpy(shift, v, out);
        }
    }

    @Override
    public void solve(double shift, Mat rhs) {
        if (factored != null) {
            factored.solve(shift, rhs);
            return;
        }
        prof.enter(Phase.SOLVE);
        double rhsNorm = Math.sqrt(be.sumSquares(rhs));
        be.fill(t, 0);
        iterations = 0;
        converged = true;
        if (rhsNorm == 0) {
            residual = 0;
            prof.exit(Phase.SOLVE);
            return; // t = 0 solves it exactly; rhs is already 0
        }
        be.copy(rhs, r);
        be.copy(rhs, p);
        if (saved != null) {
            be.copy(rhs, saved);
        }
        double rr = rhsNorm * rhsNorm, stop = settings.toleranceFor(u.workspace().dtype()) * rhsNorm;
        int cap = settings.directAfter() > 0 ? Math.min(settings.cgMaxIterations(), settings.directAfter())
                : settings.cgMaxIterations();
        while (iterations < cap && Math.sqrt(rr) > stop) {
            apply(shift, p, kp);
            double alpha = rr / be.dot(p, kp);
            be.axpy(alpha, p, t);
            be.axpy(-alpha, kp, r);
            double next = be.sumSquares(r);
            be.scal(next / rr, p);
            be.axpy(1, r, p);
            rr = next;
            iterations++;
        }
        converged = Math.sqrt(rr) <= stop;
        if (turnsToK() && !converged) {
            prof.exit(Phase.SOLVE);
            if (!warned) {
                warned = true;
                LOG.info("conjugate gradients had not converged after {} iterations (relative residual {}); forming and "
                        + "factoring K instead, for this step and the next {} (said once)", iterations,
                        String.format(java.util.Locale.ROOT, "%.2e", Math.sqrt(rr) / rhsNorm), DirectTurns.DIRECT_STEPS);
            }
            turns.turned();
            prof.enter(Phase.GRAM);
            factored = direct.get();
            prof.exit(Phase.GRAM);
            be.copy(saved, rhs);
            factored.solve(shift, rhs);
            residual = Double.NaN;
            converged = true;
            return;
        }
        // The true residual, y − (K + σI)t: the recurrence drifts from it in finite precision.
        apply(shift, t, kp);
        be.axpy(-1, rhs, kp);
        residual = Math.sqrt(be.sumSquares(kp)) / rhsNorm;
        be.copy(t, rhs);
        prof.exit(Phase.SOLVE);
    }

    @Override
    public double quadraticForm(Mat x, Mat y) {
        if (factored != null) {
            return factored.quadraticForm(x, y);
        }
        u.applyTranspose(y, inParameters);
        u.apply(inParameters, kp);
        return be.dot(x, kp);
    }

    @Override
    public boolean converged() {
        return converged;
    }

    @Override
    public int iterations() {
        return iterations;
    }

    @Override
    public double relativeResidual() {
        return residual;
    }
}
