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
            case GELU -> gelu(z);
        };
    }

    /** σ'(z), given z and a = σ(z) (tanh and sigmoid reuse a). */
    public double derivative(double z, double a) {
        return switch (this) {
            case IDENTITY -> 1;
            case RELU -> z > 0 ? 1 : 0;
            case TANH -> 1 - a * a;
            case SIGMOID -> a * (1 - a);
            case GELU -> geluDerivative(z);
        };
    }

    /**
     * GELU(z) = ½z(1 + tanh u), u = √(2/π)(z + 0.044715z³), written as z·σ(2u): the same
     * function without 1 + tanh u, which cancels to nothing for z below about −5.
     */
    public static double gelu(double z) {
        return z * sigmoid(2 * geluArgument(z));
    }

    /** GELU′(z) = ½(1 + t) + ½z(1 − t²)u′ = s + 2z·s(1 − s)·u′ with s = σ(2u), 1 − s = σ(−2u). */
    public static double geluDerivative(double z) {
        double u = geluArgument(z);
        double du = SQRT_2_OVER_PI * (1 + 3 * 0.044715 * z * z);
        double s = sigmoid(2 * u);
        return s + 2 * z * s * sigmoid(-2 * u) * du;
    }

    private static double geluArgument(double z) {
        return SQRT_2_OVER_PI * (z + 0.044715 * z * z * z);
    }

    /** 1/(1 + e^(−z)) without overflow for either sign. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
