package dev.gn4j.engine.curvature;

import java.util.Locale;

/** Which per-sample gradients SMW-NG's Fisher uses. */
public enum FisherKind {
    /** u_i = J_iᵀ g_i with the true labels. */
    EMPIRICAL,
    /** u_i = J_iᵀ g_i with labels drawn from the model (ce: ŷ ~ p_i; mse: ŷ = f_i + N(0, I)). */
    SAMPLED;

    public static FisherKind parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "empirical" -> EMPIRICAL;
            case "sampled", "sampled-label" -> SAMPLED;
            default -> throw new IllegalArgumentException("unknown --fisher '" + s + "' (expected empirical or sampled)");
        };
    }
}
