package dev.gn4j.engine.backend.cpu;

/**
 * tanh for results stored as float32: x·P(t)/Q(t), t = x²/9.5², a (5, 5) rational fit
 * of tanh(x)/x on [0, 9.5] (relative error 7.3e-11; bench/fit_float_tanh.py), with x
 * clamped to ±9.5, where tanh already rounds to ±1 in float. Against FastTanh it has
 * no call (Math.exp) and no branch: the float32 activation kernel at 128×64 took 9.2
 * against 21 µs (bench/results/2026-11-22-cpu-targets.md). Rounded to
 * float it is within 1 ulp of the correctly rounded tanh (FloatTanhTest); the float64
 * path keeps FastTanh, whose 2-ulp bound is in double.
 */
final class FloatTanh {
    private static final double LIMIT = 9.5;
    private static final double INV_LIMIT_SQUARED = 1.0 / (LIMIT * LIMIT);
    private static final double P1 = 12.709498423873457;
    private static final double P2 = 35.86876805069324;
    private static final double P3 = 30.654596598022902;
    private static final double P4 = 7.1582695029122965;
    private static final double P5 = 0.20783379942779417;
    private static final double Q1 = 42.792831712518755;
    private static final double Q2 = 237.2114639019002;
    private static final double Q3 = 365.0194977833501;
    private static final double Q4 = 169.22203569572926;
    private static final double Q5 = 16.944360732828137;

    private FloatTanh() {
    }

    /** tanh(x) to float accuracy; NaN stays NaN, ±∞ gives ±1, −0 gives −0. */
    static double tanh(double x) {
        double v = Math.max(-LIMIT, Math.min(LIMIT, x));
        double t = v * v * INV_LIMIT_SQUARED;
        double p = ((((P5 * t + P4) * t + P3) * t + P2) * t + P1) * t + 1.0;
        double q = ((((Q5 * t + Q4) * t + Q3) * t + Q2) * t + Q1) * t + 1.0;
        return v * p / q;
    }

    /** y[i] ← tanh(x[i]) for i &lt; n; y may be x. */
    static void apply(double[] x, double[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = tanh(x[i]);
        }
    }
}
