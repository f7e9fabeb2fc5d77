package dev.gn4j.engine.curvature;

import java.util.Locale;

/** How the batch-space Gram U Uᵀ is formed. */
public enum GramMode {
    /** Σ_l (G_l G_lᵀ) ∘ (Ã Ãᵀ + 1): no Jacobian, memory O(m · max d). The default. */
    FACTORED,
    /** Materialize U (m × P) with per-row outer products, then SYRK: the reference path. */
    EXPLICIT;

    public static GramMode parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "factored" -> FACTORED;
            case "explicit" -> EXPLICIT;
            default -> throw new IllegalArgumentException("unknown --jacobian '" + s + "' (expected factored or explicit)");
        };
    }
}
