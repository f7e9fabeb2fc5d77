package dev.gn4j.engine.optim;

/**
 * What a step did, for metrics.csv: the batch loss before it, the step size taken
 * (0 if rejected), λ after the step's update, the adaptive-λ ratio ρ (NaN when
 * not computed), norms, the Cholesky fallbacks taken, the loss evaluations spent, and the
 * conjugate-gradient iterations and relative residual of its (last) solve.
 */
public record StepReport(double batchLoss, double stepSize, double lambda, double rho, double gradientNorm,
                         double directionNorm, int fallbacks, int lossEvaluations, int solverIterations,
                         double solverResidual) {
    /** A step without an iterative solve. */
    public StepReport(double batchLoss, double stepSize, double lambda, double rho, double gradientNorm, double directionNorm,
                      int fallbacks, int lossEvaluations) {
        this(batchLoss, stepSize, lambda, rho, gradientNorm, directionNorm, fallbacks, lossEvaluations, 0, Double.NaN);
    }
}
