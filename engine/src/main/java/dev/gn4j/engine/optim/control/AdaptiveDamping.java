package dev.gn4j.engine.optim.control;

/**
 * Adaptive λ (MATH.md, adaptive damping): the ratio ρ of the actual to the predicted
 * decrease, with the quadratic model α ∇Lᵀd + ½ α² dᵀHd; λ grows by the factor when
 * ρ &lt; ρ_low, shrinks by it when ρ &gt; ρ_high, and stays within [λ_min, λ_max].
 */
public record AdaptiveDamping(double rhoLow, double rhoHigh, double factor, double lambdaMin, double lambdaMax) {

    /** ρ for a step of size α along d: the loss went from loss0 to loss1; dᵀHd is {@code curvature}. */
    public static double rho(double loss0, double loss1, double alpha, double slope, double curvature) {
        double predicted = alpha * slope + 0.5 * alpha * alpha * curvature;
        return (loss1 - loss0) / predicted;
    }

    /** The λ of the next step. */
    public double next(double lambda, double rho) {
        if (rho < rhoLow) {
            lambda *= factor;
        } else if (rho > rhoHigh) {
            lambda /= factor;
        }
        return Math.max(lambdaMin, Math.min(lambdaMax, lambda));
    }
}
