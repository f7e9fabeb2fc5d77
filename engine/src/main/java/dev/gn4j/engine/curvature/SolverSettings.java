package dev.gn4j.engine.curvature;

import java.util.Objects;

/**
 * The damped system's solver and the conjugate-gradient stopping rule: stop when
 * ‖(K + σI)t − r‖ ≤ tolerance · ‖r‖, or after maxIterations.
 */
public record SolverSettings(SolverKind kind, double cgTolerance, int cgMaxIterations) {
    public static final double DEFAULT_CG_TOLERANCE = 1e-6;
    public static final int DEFAULT_CG_MAX_ITERATIONS = 200;
    public static final SolverSettings DEFAULT = new SolverSettings(SolverKind.AUTO, DEFAULT_CG_TOLERANCE, DEFAULT_CG_MAX_ITERATIONS);

    public SolverSettings {
        Objects.requireNonNull(kind, "kind");
        if (!(cgTolerance > 0 && cgTolerance < 1)) {
            throw new IllegalArgumentException("--cg-tol must be in (0, 1), got " + cgTolerance);
        }
        if (cgMaxIterations < 1) {
            throw new IllegalArgumentException("--cg-max-iter must be at least 1, got " + cgMaxIterations);
        }
    }

    public SolverSettings withKind(SolverKind k) {
        return new SolverSettings(k, cgTolerance, cgMaxIterations);
    }
}
