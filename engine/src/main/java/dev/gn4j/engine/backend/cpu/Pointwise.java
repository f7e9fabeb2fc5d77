package dev.gn4j.engine.backend.cpu;

import dev.gn4j.engine.backend.Activation;

/**
 * {@link Activation#apply} and {@link Activation#derivative} over arrays, one loop per
 * activation so the switch is taken once per call rather than once per element. The
 * formulas are Activation's, except that tanh is {@link FastTanh}: within 2 ulps of
 * {@code Math.tanh} instead of equal to it.
 */
final class Pointwise {
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
                    y[i] = Activation.sigmoid(x[i]);
                }
            }
            case GELU -> {
                for (int i = 0; i < n; i++) {
                    y[i] = Activation.gelu(x[i]);
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
                    d[i] = Activation.geluDerivative(z[i]);
                }
            }
        }
    }
}
