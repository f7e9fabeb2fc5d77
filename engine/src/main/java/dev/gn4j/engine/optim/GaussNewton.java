package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.curvature.DampedSolve;
import dev.gn4j.engine.curvature.NumericalFailure;
import dev.gn4j.engine.curvature.SpdSolver;
import dev.gn4j.engine.model.Activations;
import dev.gn4j.engine.optim.control.AdaptiveDamping;
import dev.gn4j.engine.optim.control.ArmijoSearch;
import dev.gn4j.engine.optim.control.LevenbergMarquardt;
import dev.gn4j.engine.optim.control.Momentum;
import dev.gn4j.engine.optim.control.TrialLoss;
import dev.gn4j.engine.profile.Phase;
import dev.gn4j.engine.profile.StepProfiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Gauss-Newton-family step: a {@link Direction} (the method's rows and solve form) and
 * the step controls of MATH.md, each its own piece in {@code optim.control}: momentum,
 * Armijo line search, adaptive λ, and the Levenberg-Marquardt accept/reject rule. A method
 * ({@link Egn}, {@link Ggn}, {@link SmwGn}, {@link SmwNg}, {@link Lm}) says which.
 *
 * <p>Where MATH.md is silent: momentum averages the direction before the line search; the
 * Armijo test and ρ use the batch gradient and the method's own curvature matrix.
 */
final class GaussNewton implements Optimizer {
    private static final Logger LOG = LoggerFactory.getLogger(GaussNewton.class);

    private final Method method;
    private final Direction direction;
    private final SpdSolver solver;
    private final double lr;
    private final double momentumBeta;
    /** The α the Armijo search grows from; kept (and checkpointed) whether or not this method searches. */
    private final ArmijoSearch search;
    private final boolean lineSearch;
    /** Null where λ stays fixed. */
    private final AdaptiveDamping adaptive;
    /** Null but for lm. */
    private final LevenbergMarquardt lm;
    private double lambda;
    private Momentum momentum;
    private Mat grad;
    private Mat d;
    private Mat trial;
    private Activations probe;

    GaussNewton(Method method, Direction direction, OptimizerConfig cfg, SpdSolver solver) {
        this.method = method;
        this.direction = direction;
        this.solver = solver;
        this.lr = cfg.effectiveLr();
        this.momentumBeta = cfg.momentum();
        this.search = new ArmijoSearch(cfg.armijo(), lr);
        this.lineSearch = cfg.lineSearch();
        this.adaptive = cfg.adaptiveLambda() ? cfg.damping() : null;
        this.lm = method == Method.LM ? cfg.lm() : null;
        this.lambda = cfg.lambda();
    }

    @Override
    public String name() {
        return method.flag();
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
        boolean gradientVector = momentumBeta > 0 || !direction.batchSpaceGradient();
        double loss0 = gradientVector ? obj.valueAndGradient(theta, in.batch(), grad) : obj.stepValue(theta, in.batch());
        requireFinite(loss0, "batch loss");
        prof.enter(Phase.DIRECTION);
        DampedSolve prepared = direction.prepare(in, gradientVector ? grad : null);
        prepared.direction(lambda, d);
        prof.exit(Phase.DIRECTION);
        if (lm != null) {
            return levenbergMarquardtStep(obj, theta, prepared, loss0, gradientVector);
        }

        prof.enter(Phase.DIRECTION);
        Mat dir = momentum == null ? d : momentum.apply(be, d, grad, in.step());
        double slope = gradientVector ? be.dot(grad, dir) : prepared.slope();
        prof.exit(Phase.DIRECTION);

        prof.enter(Phase.LINE_SEARCH);
        TrialLoss trialLoss = (along, a) -> trialLoss(obj, theta, along, a);
        double alpha = lr;
        double loss1 = Double.NaN;
        int evaluations = 0;
        if (lineSearch) {
            ArmijoSearch.Result found = search.search(trialLoss, dir, loss0, slope, lr, in.step());
            alpha = found.alpha();
            loss1 = found.loss();
            evaluations = found.evaluations();
        }
        double rho = Double.NaN;
        if (adaptive != null && alpha > 0) {
            if (Double.isNaN(loss1)) {
                loss1 = trialLoss.at(dir, alpha);
                evaluations++;
            }
            rho = AdaptiveDamping.rho(loss0, loss1, alpha, slope, prepared.curvature(dir));
            lambda = adaptive.next(lambda, rho);
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

    /** lm: the full step, accepted if the loss fell, else solved again with a larger λ. */
    private StepReport levenbergMarquardtStep(Objective obj, Mat theta, DampedSolve prepared, double loss0,
                                              boolean gradientVector) {
        Backend be = obj.backend();
        StepProfiler prof = obj.profiler();
        prof.enter(Phase.LINE_SEARCH);
        double alpha = 0;
        int evaluations = 0;
        for (int attempt = 1; attempt <= lm.maxTries(); attempt++) {
            double loss1 = trialLoss(obj, theta, d, lr);
            evaluations++;
            if (LevenbergMarquardt.accepts(loss0, loss1)) {
                be.copy(trial, theta);
                alpha = lr;
                lambda = lm.afterAccept(lambda);
                break;
            }
            lambda = lm.afterReject(lambda);
            if (attempt < lm.maxTries()) {
                prof.enter(Phase.DIRECTION);
                prepared.direction(lambda, d);
                prof.exit(Phase.DIRECTION);
            }
        }
        prof.exit(Phase.LINE_SEARCH);
        if (alpha == 0) {
            LOG.debug("LM: no decrease in {} tries; θ unchanged, λ = {}", lm.maxTries(), lambda);
        }
        prof.enter(Phase.UPDATE);
        StepReport r = report(be, loss0, alpha, Double.NaN, prepared, d, evaluations, gradientVector);
        prof.exit(Phase.UPDATE);
        return r;
    }

    /** gradientVector: whether this step formed ∇L (else its norm comes from the prepared direction). */
    private StepReport report(Backend be, double loss0, double alpha, double rho, DampedSolve prepared, Mat dir,
                              int evaluations, boolean gradientVector) {
        double dirNorm = Math.sqrt(be.sumSquares(dir));
        requireFinite(dirNorm, "direction");
        double gradSquared = gradientVector ? be.sumSquares(grad) : prepared.gradientSquaredNorm();
        return new StepReport(loss0, alpha, lambda, rho, Math.sqrt(gradSquared), dirNorm,
                solver.takeFallbackCount(), evaluations, prepared.iterations(), prepared.relativeResidual());
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
            if (momentumBeta > 0) {
                momentum = new Momentum(momentumBeta, be, theta);
            }
        }
    }

    /** One probe per batch workspace: the last partial batch of an epoch alternates with the full one. */
    private final java.util.Map<Activations, Activations> probes = new java.util.IdentityHashMap<>();

    @Override
    public OptimizerState save(Backend be) {
        java.util.Map<String, double[]> tensors = new java.util.HashMap<>();
        if (momentum != null) {
            tensors.put(Momentum.STATE, momentum.save(be));
        }
        java.util.Map<String, Double> scalars = new java.util.HashMap<>(
                java.util.Map.of("lambda", lambda, ArmijoSearch.STATE, search.previousAlpha()));
        if (direction.directTurns() != null) {
            scalars.put(dev.gn4j.engine.curvature.DirectTurns.STATE, (double) direction.directTurns().stepsLeft());
        }
        return new OptimizerState(tensors, scalars);
    }

    @Override
    public void restore(OptimizerState state, Backend be, Mat theta) {
        lambda = state.scalar("lambda");
        search.restore(state.scalar(ArmijoSearch.STATE));
        // A checkpoint from before the count was kept has none: CG is tried on the next step.
        Double turnsLeft = state.scalars().get(dev.gn4j.engine.curvature.DirectTurns.STATE);
        if (direction.directTurns() != null) {
            direction.directTurns().restore(turnsLeft == null ? 0 : turnsLeft);
        }
        double[] m = state.tensors().get(Momentum.STATE);
        if (momentumBeta > 0 && m != null) {
            allocateVectors(be, theta);
            momentum.restore(be, m);
        }
    }

    static void requireFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new NumericalFailure("the " + what + " became " + v + "; lower --lr or raise --lambda");
        }
    }
}
