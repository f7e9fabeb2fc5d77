package dev.gn4j.cli;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.curvature.FisherKind;
import dev.gn4j.engine.curvature.GramMode;
import dev.gn4j.engine.curvature.SolverKind;
import dev.gn4j.engine.curvature.SolverSettings;
import dev.gn4j.engine.model.Parameterization;
import dev.gn4j.engine.optim.Method;
import dev.gn4j.engine.optim.OptimizerConfig;
import dev.gn4j.engine.train.TrainConfig;
import picocli.CommandLine.Option;

/** gn4j train's options of the optimizer: the method, its damping and step controls, its solve, Adam's constants (a picocli mixin). */
final class OptimizerOptions {
    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "egn",
            description = "egn, ggn, smw-gn, smw-ng, lm, sgd or adam. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Step size (the line search's maximum). Default: 1 for the Gauss-Newton family, 0.01 sgd, 0.001 adam.")
    Double lr;

    @Option(names = "--lambda", paramLabel = "λ", defaultValue = "1", description = "Damping λ of the curvature system. Default: ${DEFAULT-VALUE}.")
    double lambda;

    @Option(names = "--momentum", paramLabel = "β", defaultValue = "0", description = "Momentum (EGN family: averaged directions; sgd: PyTorch momentum). Default: ${DEFAULT-VALUE}.")
    double momentum;

    @Option(names = "--nesterov", negatable = true, description = "Nesterov momentum (sgd).")
    boolean nesterov;

    @Option(names = "--weight-decay", paramLabel = "W", defaultValue = "0", description = "L2 weight decay (sgd, adam). Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(names = "--line-search", negatable = true, description = "Armijo backtracking line search (Gauss-Newton family).")
    boolean lineSearch;

    @Option(names = "--adaptive-lambda", negatable = true, description = "Adapt λ from the ratio of actual to predicted decrease.")
    boolean adaptiveLambda;

    @Option(names = "--lambda-min", paramLabel = "λ|auto", defaultValue = "auto",
            description = "The floor of --adaptive-lambda: auto is " + TrainConfig.MINI_BATCH_LAMBDA_MIN + " on mini-batches "
                    + "(below it λ chases each batch and the full loss drifts up) and 1e-12 on the full batch. Default: ${DEFAULT-VALUE}.")
    String lambdaMin;

    @Option(names = "--solve-dtype", paramLabel = "f32|f64", description = "Precision of the batch-space factorization (default: --dtype). From 512 rows the Gram is "
            + "accumulated in float64, and a float32 factor's answer is refined in float64 to the float64 one (the float64 "
            + "factor where refinement stalls); f64 factors in float64 outright.")
    String solveDtype;

    @Option(names = "--jacobian", paramLabel = "factored|explicit", defaultValue = "factored",
            description = "Form the Gram from layer factors (default) or from the explicit Jacobian (reference).")
    String jacobian;

    @Option(names = "--solver", paramLabel = "auto|cholesky|cg|param", defaultValue = "auto",
            description = "How the damped system is solved: form K and factor it (cholesky), conjugate gradients that never form K "
                    + "(cg), the same direction through a P × P system (param), or auto: cg first, for what the cheaper of "
                    + "cholesky and param that fits in memory would cost, then that way; cg alone where neither fits. The run log "
                    + "says which and why. Default: ${DEFAULT-VALUE}.")
    String solver;

    @Option(names = "--cg-tol", paramLabel = "TOL",
            description = "Conjugate gradients stop at this residual relative to the right-hand side. Default: 1e-6 in float32, "
                    + "1e-10 in float64.")
    Double cgTolerance;

    @Option(names = "--cg-max-iter", paramLabel = "N", defaultValue = "200",
            description = "And after at most this many iterations (metrics.csv records each solve's count and residual). Default: ${DEFAULT-VALUE}.")
    int cgMaxIterations;

    @Option(names = "--parameterization", paramLabel = "standard|ntk", defaultValue = "standard",
            description = "The coordinates ggn and egn (mse) step in, and the initial draw: standard (He or Glorot), or ntk, "
                    + "the neural-tangent-kernel parameterization: W = s·W̃ with W̃ ~ N(0, 1), s = σ/√fan-in, bias = "
                    + Parameterization.NTK_BIAS + "·b̃, so that J Jᵀ settles as the width grows (dense layers). "
                    + "Default: ${DEFAULT-VALUE}.")
    String parameterization;

    @Option(names = "--curvature-batch", paramLabel = "N", defaultValue = "0", description = "SMW-GN/SMW-NG curvature subsample size (default: the whole batch).")
    int curvatureBatch;

    @Option(names = "--semi-stochastic", negatable = true, description = "SMW-GN/SMW-NG: gradient over the whole training set, curvature on the batch.")
    boolean semiStochastic;

    @Option(names = "--fisher", paramLabel = "empirical|sampled", defaultValue = "empirical", description = "SMW-NG: empirical Fisher or sampled-label Fisher. Default: ${DEFAULT-VALUE}.")
    String fisher;

    @Option(names = "--beta1", defaultValue = "0.9", description = "Adam β1. Default: ${DEFAULT-VALUE}.")
    double beta1;

    @Option(names = "--beta2", defaultValue = "0.999", description = "Adam β2. Default: ${DEFAULT-VALUE}.")
    double beta2;

    @Option(names = "--eps", defaultValue = "1e-8", description = "Adam ε. Default: ${DEFAULT-VALUE}.")
    double eps;

    /** Sets the run's optimizer configuration (and its λ floor), which checks the values. */
    void applyTo(TrainConfig.Builder cfg) {
        OptimizerConfig.Builder o = new OptimizerConfig.Builder();
        try {
            o.method = Method.parse(optimizer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown --optimizer '" + optimizer + "' (expected one of "
                    + String.join(", ", Method.flags()) + ")");
        }
        if (lr != null) {
            o.lr = lr;
        }
        o.lambda = lambda;
        if (!lambdaMin.equalsIgnoreCase("auto")) {
            double floor;
            try {
                floor = Double.parseDouble(lambdaMin);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--lambda-min takes a number or auto, got '" + lambdaMin + "'");
            }
            cfg.lambdaMin = floor;
        }
        o.momentum = momentum;
        o.nesterov = nesterov;
        o.weightDecay = weightDecay;
        o.lineSearch = lineSearch;
        o.adaptiveLambda = adaptiveLambda;
        o.gram = GramMode.parse(jacobian);
        o.solver = new SolverSettings(SolverKind.parse(solver), cgTolerance == null ? SolverSettings.DEFAULT_CG_TOLERANCE : cgTolerance,
                cgMaxIterations);
        o.solveDtype = solveDtype == null ? null : DType.parse(solveDtype);
        o.curvatureBatch = curvatureBatch;
        o.parameterization = Parameterization.parse(parameterization);
        o.semiStochastic = semiStochastic;
        o.fisher = FisherKind.parse(fisher);
        o.adam = new OptimizerConfig.AdamConstants(beta1, beta2, eps);
        cfg.optimizer = o.build();
    }
}
