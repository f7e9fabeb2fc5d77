package dev.gn4j.engine.optim;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.curvature.FisherKind;
import dev.gn4j.engine.curvature.GramMode;
import java.util.Locale;

/**
 * Every optimizer hyperparameter, with MATH.md's defaults. Mutable while the
 * command line is read, then handed to {@link Optimizers#create}.
 */
public final class OptimizerConfig {
    public String name = "egn";
    /** Step size; the line search's α_max. NaN means the optimizer's default. */
    public double lr = Double.NaN;
    public double lambda = 1.0;
    public double momentum = 0;
    public boolean nesterov;
    public double weightDecay;
    public boolean lineSearch;
    public boolean adaptiveLambda;
    public GramMode gram = GramMode.FACTORED;
    /** Precision of the batch-space solve; the Gram is accumulated in float64 from 512 rows on regardless. */
    public DType solveDtype;
    /** Curvature subsample n₂ for smw-gn / smw-ng; 0 = the whole batch. */
    public int curvatureBatch;
    public boolean semiStochastic;
    public FisherKind fisher = FisherKind.EMPIRICAL;
    public double beta1 = 0.9;
    public double beta2 = 0.999;
    public double epsilon = 1e-8;
    // Line search (Armijo backtracking).
    public double lsGrow = 1.5;
    public double lsShrink = 0.8;
    public double lsArmijo = 0.1;
    public int lsMaxTries = 15;
    // Adaptive λ.
    public double rhoLow = 0.25;
    public double rhoHigh = 0.75;
    public double lambdaFactor = 1.5;
    public double lambdaMin = 1e-12;
    public double lambdaMax = 1e6;
    // Levenberg-Marquardt.
    public double lmDecrease = 0.1;
    public double lmIncrease = 10;
    public int lmMaxTries = 10;
    public double lmLambdaMin = 1e-10;
    public double lmLambdaMax = 1e10;

    public String normalizedName() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The method {@link #name} names. @throws IllegalArgumentException for a name that is none */
    public Method method() {
        return Method.parse(name);
    }

    /** The step size in force: --lr, or the method's default. */
    public double effectiveLr() {
        if (!Double.isNaN(lr)) {
            return lr;
        }
        return method().defaultLr();
    }
}
