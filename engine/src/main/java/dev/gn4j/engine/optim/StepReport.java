package dev.gn4j.engine.optim;

/**
 * What a step did, for metrics.csv: the batch loss before it, the step size taken
 * (0 if rejected), λ after the step's update, the adaptive-λ ratio ρ (NaN when
 * not computed), norms, the Cholesky fallbacks taken and the loss evaluations spent.
 */
public record StepReport(double batchLoss, double stepSize, double lambda, double rho, double gradientNorm,
                         double directionNorm, int fallbacks, int lossEvaluations) {
}
