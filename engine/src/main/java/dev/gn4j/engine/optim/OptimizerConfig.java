package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.curvature.FisherKind;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.curvature.SolverSettings;
import dev.gn4j.engine.model.Parameterization;
import dev.gn4j.engine.optim.control.AdaptiveDamping;
import dev.gn4j.engine.optim.control.ArmijoSearch;
import dev.gn4j.engine.optim.control.LevenbergMarquardt;
import java.util.Objects;

/**
 * Every optimizer hyperparameter, checked once, where it is made: a value that exists is one
 * the optimizers can run. The command line and the tests fill a {@link Builder} (MATH.md's
 * defaults) and build one.
 *
 * @param lr step size, the line search's α_max; NaN means the method's default
 * @param solveDtype precision of the batch-space solve, null for the run's dtype (the Gram is
 *        accumulated in float64 from 512 rows on regardless)
 * @param curvatureBatch curvature subsample n₂ of smw-gn and smw-ng; 0 = the whole batch
 * @param solver how the damped system is solved (--solver) and conjugate gradients' stopping rule
 * @param parameterization the coordinates the method steps in (and the initial draw's): standard or NTK
 */
public record OptimizerConfig(Method method, double lr, double lambda, double momentum, boolean nesterov,
                              double weightDecay, boolean lineSearch, boolean adaptiveLambda, GramMode gram,
                              DType solveDtype, int curvatureBatch, boolean semiStochastic, FisherKind fisher,
                              AdamConstants adam, ArmijoSearch.Rule armijo, AdaptiveDamping damping,
                              LevenbergMarquardt lm, SolverSettings solver, Parameterization parameterization) {

    /** Adam's β1, β2 and ε (PyTorch's names and defaults). */
    public record AdamConstants(double beta1, double beta2, double epsilon) {
        public static final AdamConstants DEFAULT = new AdamConstants(0.9, 0.999, 1e-8);

        public AdamConstants {
            if (!(beta1 >= 0 && beta1 < 1)) {
                throw new IllegalArgumentException("--beta1 must be in [0, 1), got " + beta1);
            }
            if (!(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("--beta2 must be in [0, 1), got " + beta2);
            }
            if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
                throw new IllegalArgumentException("--eps must be a positive number, got " + epsilon);
            }
        }
    }

    public OptimizerConfig {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(gram, "gram");
        Objects.requireNonNull(fisher, "fisher");
        Objects.requireNonNull(adam, "adam");
        Objects.requireNonNull(armijo, "armijo");
        Objects.requireNonNull(damping, "damping");
        Objects.requireNonNull(lm, "lm");
        Objects.requireNonNull(solver, "solver");
        Objects.requireNonNull(parameterization, "parameterization");
        if (parameterization != Parameterization.STANDARD && method != Method.GGN && method != Method.EGN) {
            throw new IllegalArgumentException("--parameterization " + parameterization.flag() + " is for the kernel-form methods, "
                    + "ggn and egn with mse; " + method.flag() + " steps in the standard parameterization");
        }
        if (!Double.isNaN(lr) && (!(lr > 0) || !Double.isFinite(lr))) {
            throw new IllegalArgumentException("--lr must be a positive number, got " + lr);
        }
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("--lambda must be a positive number, got " + lambda);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("--momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("--weight-decay must not be negative, got " + weightDecay);
        }
        if (curvatureBatch < 0) {
            throw new IllegalArgumentException("--curvature-batch must be positive, got " + curvatureBatch);
        }
        if (method == Method.LM && (lineSearch || adaptiveLambda || momentum != 0)) {
            throw new IllegalArgumentException("lm controls its step and λ by accept/reject; drop --line-search, "
                    + "--adaptive-lambda and --momentum, or use --optimizer egn with them");
        }
    }

    /** MATH.md's defaults for {@code method}. */
    public static OptimizerConfig of(Method method) {
        Builder b = new Builder();
        b.method = method;
        return b.build();
    }

    /** The method's command-line name. */
    public String normalizedName() {
        return method.flag();
    }

    /** The step size in force: --lr, or the method's default. */
    public double effectiveLr() {
        return Double.isNaN(lr) ? method.defaultLr() : lr;
    }

    /** This configuration with the solver {@code settings} (a run resolves --solver auto to them). */
    public OptimizerConfig withSolver(SolverSettings settings) {
        Builder b = toBuilder();
        b.solver = settings;
        return b.build();
    }

    /** This configuration with adaptive λ's floor at {@code lambdaMin}. */
    public OptimizerConfig withLambdaMin(double lambdaMin) {
        Builder b = toBuilder();
        b.damping = new AdaptiveDamping(damping.rhoLow(), damping.rhoHigh(), damping.factor(), lambdaMin, damping.lambdaMax());
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.method = method;
        b.lr = lr;
        b.lambda = lambda;
        b.momentum = momentum;
        b.nesterov = nesterov;
        b.weightDecay = weightDecay;
        b.lineSearch = lineSearch;
        b.adaptiveLambda = adaptiveLambda;
        b.gram = gram;
        b.solveDtype = solveDtype;
        b.curvatureBatch = curvatureBatch;
        b.semiStochastic = semiStochastic;
        b.fisher = fisher;
        b.adam = adam;
        b.armijo = armijo;
        b.damping = damping;
        b.lm = lm;
        b.solver = solver;
        b.parameterization = parameterization;
        return b;
    }

    /** The settings while they are read (flags, a bench cell, a test), with MATH.md's defaults; {@link #build} checks them. */
    public static final class Builder {
        public Method method = Method.EGN;
        public double lr = Double.NaN;
        public double lambda = 1.0;
        public double momentum;
        public boolean nesterov;
        public double weightDecay;
        public boolean lineSearch;
        public boolean adaptiveLambda;
        public GramMode gram = GramMode.FACTORED;
        public DType solveDtype;
        public int curvatureBatch;
        public boolean semiStochastic;
        public FisherKind fisher = FisherKind.EMPIRICAL;
        public AdamConstants adam = AdamConstants.DEFAULT;
        public ArmijoSearch.Rule armijo = ArmijoSearch.Rule.DEFAULT;
        public AdaptiveDamping damping = AdaptiveDamping.DEFAULT;
        public LevenbergMarquardt lm = LevenbergMarquardt.DEFAULT;
        public SolverSettings solver = SolverSettings.DEFAULT;
        public Parameterization parameterization = Parameterization.STANDARD;

        /** @throws IllegalArgumentException naming the flag of the first value out of range */
        public OptimizerConfig build() {
            return new OptimizerConfig(method, lr, lambda, momentum, nesterov, weightDecay, lineSearch, adaptiveLambda,
                    gram, solveDtype, curvatureBatch, semiStochastic, fisher, adam, armijo, damping, lm, solver, parameterization);
        }
    }
}
