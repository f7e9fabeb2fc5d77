package dev.gn4j.engine.curvature;

import java.util.Locale;

/** How a Gauss-Newton step solves its damped system (--solver). */
public enum SolverKind {
    /** The cheapest way that fits, chosen once from the sizes and the memory at hand ({@link SolverPlan}). */
    AUTO,
    /** Form K = U Uᵀ (m × m) and factor K + σI: the default where it fits and P ≥ m. */
    CHOLESKY,
    /** Conjugate gradients on (K + σI) t = r with K·v = U(Uᵀv): one backward and one forward-mode pass an iteration, no K. */
    CG,
    /** The same direction through (UᵀU + σI) d = Uᵀr, a P × P Cholesky: for P below m. */
    PARAM;

    public static SolverKind parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "cholesky" -> CHOLESKY;
            case "cg" -> CG;
            case "param" -> PARAM;
            default -> throw new IllegalArgumentException("unknown --solver '" + s + "' (expected auto, cholesky, cg or param)");
        };
    }

    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
