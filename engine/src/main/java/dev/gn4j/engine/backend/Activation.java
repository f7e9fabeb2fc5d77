package dev.gn4j.engine.backend;

import java.util.Locale;

/** Pointwise activations of hidden layers; {@link #IDENTITY} is the output layer's. */
public enum Activation {
    IDENTITY, RELU, TANH, SIGMOID, GELU;

    public static Activation parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "identity", "linear", "none" -> IDENTITY;
            case "relu" -> RELU;
            case "tanh" -> TANH;
            case "sigmoid" -> SIGMOID;
            case "gelu" -> GELU;
            default -> throw new IllegalArgumentException(
                    "unknown activation '" + s + "' (expected identity, relu, tanh, sigmoid or gelu)");
        };
    }

    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    /** σ(z). The CUDA kernels implement the same formulas; this is their CPU twin. */
    public double apply(double z) {
        return switch (this) {
            case IDENTITY -> z;
            case RELU -> z > 0 ? z : 0;
            case TANH -> Math.tanh(z);
            case SIGMOID -> sigmoid(z);
            case GELU -> 0.5 * z * (1 + Math.tanh(SQRT_2_OVER_PI * (z + 0.044715 * z * z * z)));
        };
    }

    /** σ'(z), given z and a = σ(z) (tanh and sigmoid reuse a). */
    public double derivative(double z, double a) {
        return switch (this) {
            case IDENTITY -> 1;
            case RELU -> z > 0 ? 1 : 0;
            case TANH -> 1 - a * a;
            case SIGMOID -> a * (1 - a);
            case GELU -> {
                double u = SQRT_2_OVER_PI * (z + 0.044715 * z * z * z);
                double t = Math.tanh(u);
                double du = SQRT_2_OVER_PI * (1 + 3 * 0.044715 * z * z);
                yield 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * du;
            }
        };
    }

    private static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
