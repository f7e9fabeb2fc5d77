package dev.gn4j.engine.curvature;

import java.util.Objects;

/**
 * The damped system's solver and the conjugate-gradient stopping rule: stop when
 * ‖(K + σI)t − r‖ ≤ tolerance · ‖r‖ (by default 1e-6 in float32, 1e-10 in float64), or after maxIterations; with directAfter > 0 (what
 * --solver auto resolves to where a direct way fits), an unconverged solve gives way after that many
 * iterations to {@code direct}: K formed and factored (CHOLESKY) or the P × P system (PARAM).
 */
public record SolverSettings(SolverKind kind, double cgTolerance, int cgMaxIterations, int directAfter, SolverKind direct) {
    /** The tolerance's default: NaN, which means {@link #toleranceFor} the working dtype. */
    public static final double DEFAULT_CG_TOLERANCE = Double.NaN;
    public static final int DEFAULT_CG_MAX_ITERATIONS = 200;
    public static final SolverSettings DEFAULT = new SolverSettings(SolverKind.AUTO, DEFAULT_CG_TOLERANCE, DEFAULT_CG_MAX_ITERATIONS);

    public SolverSettings {
        Objects.requireNonNull(kind, "kind");
        if (!Double.isNaN(cgTolerance) && !(cgTolerance > 0 && cgTolerance < 1)) {
            throw new IllegalArgumentException("--cg-tol must be in (0, 1), got " + cgTolerance);
        }
        if (cgMaxIterations < 1) {
            throw new IllegalArgumentException("--cg-max-iter must be at least 1, got " + cgMaxIterations);
        }
        if (directAfter < 0 || (directAfter > 0 && kind != SolverKind.CG)) {
            throw new IllegalArgumentException("only conjugate gradients turn to a direct solve, after a positive count; got "
                    + kind + " after " + directAfter);
        }
        if ((directAfter > 0) != (direct == SolverKind.CHOLESKY || direct == SolverKind.PARAM)) {
            throw new IllegalArgumentException("a turn after " + directAfter + " iterations needs cholesky or param to turn to, "
                    + "and none without one; got " + direct);
        }
    }

    public SolverSettings(SolverKind kind, double cgTolerance, int cgMaxIterations) {
        this(kind, cgTolerance, cgMaxIterations, 0, null);
    }


    /** The tolerance in force: the one given, or 1e-6 in float32 and 1e-10 in float64 (well above each one's rounding floor). */
    public double toleranceFor(dev.gn4j.engine.backend.DType dtype) {
        if (!Double.isNaN(cgTolerance)) {
            return cgTolerance;
        }
        return dtype == dev.gn4j.engine.backend.DType.F64 ? 1e-10 : 1e-6;
    }

    public SolverSettings withKind(SolverKind k) {
        return new SolverSettings(k, cgTolerance, cgMaxIterations);
    }
}
