package dev.gn4j.engine.data;

import java.util.Locale;

/** What {@code --standardize} rescales: nothing, the features, or features and regression targets. */
public enum Standardization {
    NONE, FEATURES, ALL;

    public static Standardization parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "features" -> FEATURES;
            case "all" -> ALL;
            default -> throw new IllegalArgumentException("unknown --standardize '" + s + "' (expected none, features or all)");
        };
    }
}
