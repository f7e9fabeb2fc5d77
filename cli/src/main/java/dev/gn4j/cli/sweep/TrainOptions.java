package dev.gn4j.cli.sweep;

import java.util.Map;

/**
 * What a sweep needs to know about {@code gn4j train}'s options. The train command's
 * classes are private to the cli package; this interface keeps the sweep logic
 * independent of them (the cli package implements it over TrainCommand's own spec).
 */
public interface TrainOptions {
    /** Whether {@code name} (a long flag name without dashes, e.g. "lr") is an option of gn4j train. */
    boolean known(String name);

    /** Whether the option names a file or folder (resolved to an absolute path in every trial). */
    boolean isPath(String name);

    /**
     * Checks that the options make a valid train command line (types, ranges, required
     * combinations). Throws IllegalArgumentException with one sentence beginning with
     * {@code where} when they do not.
     */
    void check(Map<String, Object> options, String where);
}
