package dev.gn4j.engine.optim.control;

/**
 * The Levenberg-Marquardt rule (MATH.md, lm): try the full step; if the loss fell, accept
 * it and λ ← λ · decrease, else λ ← λ · increase and solve again, up to {@code maxTries}.
 * λ stays within [λ_min, λ_max]. Where MATH.md is silent: when every try fails, θ stays.
 * The step runs the loop (it owns θ and the solve); this says what each outcome does to λ.
 */
public record LevenbergMarquardt(double decrease, double increase, int maxTries, double lambdaMin, double lambdaMax) {
    /** MATH.md's constants. */
    public static final LevenbergMarquardt DEFAULT = new LevenbergMarquardt(0.1, 10, 10, 1e-10, 1e10);

    public LevenbergMarquardt {
        if (!(decrease > 0 && decrease < 1) || !(increase > 1) || !Double.isFinite(increase) || maxTries < 1
                || !(lambdaMin > 0) || !(lambdaMin <= lambdaMax) || !Double.isFinite(lambdaMax)) {
            throw new IllegalArgumentException("lm needs a decrease in (0, 1), an increase above 1, at least one try and "
                    + "0 < λ_min ≤ λ_max; got " + decrease + ", " + increase + ", " + maxTries + ", " + lambdaMin + ", " + lambdaMax);
        }
    }

    /** Whether the trial point is taken: the loss fell. */
    public static boolean accepts(double loss0, double loss1) {
        return loss1 < loss0;
    }

    /** λ after an accepted try. */
    public double afterAccept(double lambda) {
        return clamp(lambda * decrease);
    }

    /** λ after a rejected try. */
    public double afterReject(double lambda) {
        return clamp(lambda * increase);
    }

    private double clamp(double v) {
        return Math.max(lambdaMin, Math.min(lambdaMax, v));
    }
}
