package dev.gn4j.engine.optim.control;

/**
 * Adaptive λ (MATH.md, adaptive damping): the ratio ρ of the actual to the predicted
 * decrease, with the quadratic model α ∇Lᵀd + ½ α² dᵀHd; λ grows by the factor when
 * ρ &lt; ρ_low, shrinks by it when ρ &gt; ρ_high, and stays within [λ_min, λ_max].
 */
public record AdaptiveDamping(double rhoLow, double rhoHigh, double factor, double lambdaMin, double lambdaMax) {
    /** MATH.md's constants. */
    public static final AdaptiveDamping DEFAULT = new AdaptiveDamping(0.25, 0.75, 1.5, 1e-12, 1e6);

    public AdaptiveDamping {
        if (!(rhoLow < rhoHigh) || !(factor > 1) || !Double.isFinite(factor) || !(lambdaMin > 0) || !(lambdaMin <= lambdaMax)
                || !Double.isFinite(lambdaMax)) {
            throw new IllegalArgumentException("adaptive λ needs ρ_low < ρ_high, a factor above 1 and 0 < λ_min ≤ λ_max; got "
                    + rhoLow + ", " + rhoHigh + ", " + factor + ", " + lambdaMin + ", " + lambdaMax);
        }
    }

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
