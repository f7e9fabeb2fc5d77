package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.curvature.NumericalFailure;
import dev.gn4j.engine.curvature.SpdSolver;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.profile.Phase;
import dev.gn4j.engine.profile.StepProfiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Gauss-Newton-family optimizer: a {@link Direction} plus the step controls of
 * MATH.md shared by all of them: momentum, Armijo line search, adaptive λ, and
 * the Levenberg-Marquardt accept/reject rule (the {@code lm} optimizer).
 *
 * <p>Decisions where MATH.md is silent: momentum is applied to the direction
 * before the line search, and if the momentum direction is not a descent
 * direction the plain one is used for that step; a line search whose 15 tries all
 * fail takes no step (step size 0) and starts the next search from the last α
 * tried; the Armijo test and ρ always use the batch gradient and the method's own
 * curvature matrix; an LM step whose 10 tries all fail leaves θ unchanged.
 */
final class GaussNewton implements Optimizer {
    private static final Logger LOG = LoggerFactory.getLogger(GaussNewton.class);

    private final String name;
    private final Direction direction;
    private final OptimizerConfig cfg;
    private final SpdSolver solver;
    private final boolean levenbergMarquardt;
    private double lambda;
    private double previousAlpha;
    private Mat grad;
    private Mat d;
    private Mat momentum;
    private Mat step;
    private Mat trial;
    private Activations probe;

    GaussNewton(String name, Direction direction, OptimizerConfig cfg, SpdSolver solver, boolean levenbergMarquardt) {
        this.name = name;
        this.direction = direction;
        this.cfg = cfg;
        this.solver = solver;
        this.levenbergMarquardt = levenbergMarquardt;
        this.lambda = cfg.lambda;
        this.previousAlpha = cfg.effectiveLr();
    }

    @Override
    public String name() {
        return name;
    }

    double lambda() {
        return lambda;
    }

    @Override
    public StepReport step(StepInputs in) {
        Objective obj = in.objective();
        Backend be = obj.backend();
        StepProfiler prof = obj.profiler();
        Mat theta = in.theta();
        allocate(be, theta, in.batch());
        // Momentum compares ∇L with the averaged direction, which needs ∇L as a vector;
        // otherwise a batch-space direction gives the step every scalar it needs of ∇L.
        boolean gradientVector = cfg.momentum > 0 || !direction.batchSpaceGradient();
        double loss0 = gradientVector ? obj.valueAndGradient(theta, in.batch(), grad) : obj.stepValue(theta, in.batch());
        requireFinite(loss0, "batch loss");
        prof.enter(Phase.DIRECTION);
        Direction.Prepared prepared = direction.prepare(in, gradientVector ? grad : null);
        prepared.direction(lambda, d);
        prof.exit(Phase.DIRECTION);
        int evaluations = 0;
        double alpha;
        double rho = Double.NaN;
        double lr = cfg.effectiveLr();

        if (levenbergMarquardt) {
            prof.enter(Phase.LINE_SEARCH);
            alpha = 0;
            for (int attempt = 1; attempt <= cfg.lmMaxTries; attempt++) {
                double loss1 = trialLoss(obj, theta, d, lr);
                evaluations++;
                if (loss1 < loss0) {
                    be.copy(trial, theta);
                    alpha = lr;
                    lambda = clamp(lambda * cfg.lmDecrease, cfg.lmLambdaMin, cfg.lmLambdaMax);
                    break;
                }
                lambda = clamp(lambda * cfg.lmIncrease, cfg.lmLambdaMin, cfg.lmLambdaMax);
                if (attempt < cfg.lmMaxTries) {
                    prof.enter(Phase.DIRECTION);
                    prepared.direction(lambda, d);
                    prof.exit(Phase.DIRECTION);
                }
            }
            prof.exit(Phase.LINE_SEARCH);
            if (alpha == 0) {
                LOG.debug("LM: no decrease in {} tries; θ unchanged, λ = {}", cfg.lmMaxTries, lambda);
            }
            prof.enter(Phase.UPDATE);
            StepReport r = report(be, loss0, alpha, rho, prepared, d, evaluations, gradientVector);
            prof.exit(Phase.UPDATE);
            return r;
        }

        prof.enter(Phase.DIRECTION);
        Mat dir = d;
        if (cfg.momentum > 0) {
            be.scal(cfg.momentum, momentum);
            be.axpy(1 - cfg.momentum, d, momentum);
            be.copy(momentum, step);
            be.scal(1 / (1 - Math.pow(cfg.momentum, in.step())), step);
            if (be.dot(grad, step) < 0) {
                dir = step;
            } else {
                LOG.debug("momentum direction is not a descent direction at step {}; using the plain one", in.step());
            }
        }
        double slope = gradientVector ? be.dot(grad, dir) : prepared.slope();
        prof.exit(Phase.DIRECTION);
        double loss1 = Double.NaN;
        prof.enter(Phase.LINE_SEARCH);
        if (cfg.lineSearch) {
            double a = Math.min(cfg.lsGrow * previousAlpha, lr);
            alpha = 0;
            for (int attempt = 0; attempt < cfg.lsMaxTries; attempt++) {
                double candidate = trialLoss(obj, theta, dir, a);
                evaluations++;
                if (candidate <= loss0 + cfg.lsArmijo * a * slope) {
                    alpha = a;
                    loss1 = candidate;
                    break;
                }
                if (attempt + 1 < cfg.lsMaxTries) {
                    a *= cfg.lsShrink;
                }
            }
            previousAlpha = alpha > 0 ? alpha : a;
            if (alpha == 0) {
                LOG.debug("line search: no Armijo point in {} tries at step {}; no step taken", cfg.lsMaxTries, in.step());
            }
        } else {
            alpha = lr;
        }
        if (cfg.adaptiveLambda && alpha > 0) {
            if (Double.isNaN(loss1)) {
                loss1 = trialLoss(obj, theta, dir, alpha);
                evaluations++;
            }
            double predicted = alpha * slope + 0.5 * alpha * alpha * prepared.curvature(dir);
            rho = (loss1 - loss0) / predicted;
            if (rho < cfg.rhoLow) {
                lambda *= cfg.lambdaFactor;
            } else if (rho > cfg.rhoHigh) {
                lambda /= cfg.lambdaFactor;
            }
            lambda = clamp(lambda, cfg.lambdaMin, cfg.lambdaMax);
        }
        prof.exit(Phase.LINE_SEARCH);
        prof.enter(Phase.UPDATE);
        StepReport r = report(be, loss0, alpha, rho, prepared, dir, evaluations, gradientVector);
        if (alpha > 0) {
            be.axpy(alpha, dir, theta);
        }
        requireFinite(be.sumSquares(theta), "parameters");
        prof.exit(Phase.UPDATE);
        return r;
    }

    /** gradientVector: whether this step formed ∇L (else its norm comes from the prepared direction). */
    private StepReport report(Backend be, double loss0, double alpha, double rho, Direction.Prepared prepared, Mat dir,
                              int evaluations, boolean gradientVector) {
        double dirNorm = Math.sqrt(be.sumSquares(dir));
        requireFinite(dirNorm, "direction");
        double gradSquared = gradientVector ? be.sumSquares(grad) : prepared.gradientSquaredNorm();
        return new StepReport(loss0, alpha, lambda, rho, Math.sqrt(gradSquared), dirNorm,
                solver.takeFallbackCount(), evaluations);
    }

    /** L(θ + α dir) on the batch, evaluated in the probe workspace so the forward state at θ survives. */
    private double trialLoss(Objective obj, Mat theta, Mat dir, double alpha) {
        Backend be = obj.backend();
        be.copy(theta, trial);
        be.axpy(alpha, dir, trial);
        double v = obj.value(trial, probe);
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    private void allocate(Backend be, Mat theta, Activations batch) {
        allocateVectors(be, theta);
        probe = probes.computeIfAbsent(batch, Activations::probe);
    }

    private void allocateVectors(Backend be, Mat theta) {
        if (grad == null) {
            int p = theta.rows();
            grad = be.zeros(p, 1, theta.dtype());
            d = be.zeros(p, 1, theta.dtype());
            trial = be.zeros(p, 1, theta.dtype());
            if (cfg.momentum > 0) {
                momentum = be.zeros(p, 1, theta.dtype());
                step = be.zeros(p, 1, theta.dtype());
            }
        }
    }

    /** One probe per batch workspace: the last partial batch of an epoch alternates with the full one. */
    private final java.util.Map<Activations, Activations> probes = new java.util.IdentityHashMap<>();

    @Override
    public OptimizerState save(Backend be) {
        java.util.Map<String, double[]> tensors = new java.util.HashMap<>();
        if (momentum != null) {
            tensors.put("momentum", be.download(momentum));
        }
        return new OptimizerState(tensors, java.util.Map.of("lambda", lambda, "alpha", previousAlpha));
    }

    @Override
    public void restore(OptimizerState state, Backend be, Mat theta) {
        lambda = state.scalar("lambda");
        previousAlpha = state.scalar("alpha");
        double[] m = state.tensors().get("momentum");
        if (cfg.momentum > 0 && m != null) {
            allocateVectors(be, theta);
            be.upload(m, momentum);
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    static void requireFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new NumericalFailure("the " + what + " became " + v + "; lower --lr or raise --lambda");
        }
    }
}
