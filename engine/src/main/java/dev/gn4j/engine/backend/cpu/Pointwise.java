package dev.gn4j.engine.backend.cpu;

import dev.gn4j.engine.backend.Activation;

/**
 * {@link Activation#apply} and {@link Activation#derivative} over arrays, one loop per
 * activation so the switch is taken once per call rather than once per element. The
 * formulas are Activation's, except that tanh (also inside GELU) is {@link FastTanh}:
 * within 2 ulps of {@code Math.tanh} instead of equal to it.
 */
final class Pointwise {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private Pointwise() {
    }

    /** y[i] ← σ(x[i]) for i &lt; n; y may be x. */
    static void apply(Activation f, double[] x, double[] y, int n) {
        switch (f) {
            case IDENTITY -> System.arraycopy(x, 0, y, 0, n);
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    double z = x[i];
                    y[i] = z > 0 ? z : 0;
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    y[i] = FastTanh.tanh(x[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    y[i] = sigmoid(x[i]);
                }
            }
            case GELU -> {
                for (int i = 0; i < n; i++) {
                    double z = x[i];
                    y[i] = 0.5 * z * (1 + FastTanh.tanh(SQRT_2_OVER_PI * (z + 0.044715 * z * z * z)));
                }
            }
        }
    }

    /** d[i] ← σ'(z[i]) given a[i] = σ(z[i]), for i &lt; n; d may be z or a. */
    static void derivative(Activation f, double[] z, double[] a, double[] d, int n) {
        switch (f) {
            case IDENTITY -> java.util.Arrays.fill(d, 0, n, 1);
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    d[i] = z[i] > 0 ? 1 : 0;
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    double ai = a[i];
                    d[i] = 1 - ai * ai;
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    double ai = a[i];
                    d[i] = ai * (1 - ai);
                }
            }
            case GELU -> {
                for (int i = 0; i < n; i++) {
                    double zi = z[i];
                    double u = SQRT_2_OVER_PI * (zi + 0.044715 * zi * zi * zi);
                    double t = FastTanh.tanh(u);
                    double du = SQRT_2_OVER_PI * (1 + 3 * 0.044715 * zi * zi);
                    d[i] = 0.5 * (1 + t) + 0.5 * zi * (1 - t * t) * du;
                }
            }
        }
    }

    /** Activation's sigmoid, which already uses the Math.exp intrinsic. */
    private static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
