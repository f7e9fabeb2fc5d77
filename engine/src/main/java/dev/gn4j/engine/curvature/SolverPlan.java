package dev.gn4j.engine.curvature;

import dev.gn4j.engine.memory.HeapBudget;
import java.util.Locale;

/**
 * The solver a run uses and why, from the sizes of its system: m rows, P parameters, the
 * working and the Gram's element sizes, and the bytes the system may take. --solver auto takes
 * the parameter-space solve when forming UᵀU and factoring it (2·m·P² + P³/3 FLOPs) costs less
 * than factoring K alone (m³/3, a lower bound on the Cholesky way, which also forms K), and
 * else Cholesky when K, its factor and a layer's products fit, and else conjugate gradients,
 * whose memory does not grow with m².
 */
public record SolverPlan(SolverKind kind, String reason) {

    /** K and the factor's copy in the Gram's dtype, and one layer's row products in the working dtype. */
    public static long choleskyBytes(long m, int dtypeBytes, int gramBytes) {
        return HeapBudget.saturatingProduct(HeapBudget.saturatingProduct(m, m), 2L * gramBytes + dtypeBytes);
    }

    /** U (m × P, and its copy in the Gram's dtype when that differs), UᵀU and the factor's copy. */
    public static long parameterBytes(long m, long p, int dtypeBytes, int gramBytes) {
        long u = HeapBudget.saturatingProduct(HeapBudget.saturatingProduct(m, p), dtypeBytes + (gramBytes != dtypeBytes ? gramBytes : 0));
        return HeapBudget.saturatingSum(u, HeapBudget.saturatingProduct(HeapBudget.saturatingProduct(p, p), 2L * gramBytes));
    }

    /** Conjugate gradients' four m-vectors and one P-vector. */
    public static long conjugateGradientBytes(long m, long p, int dtypeBytes) {
        return HeapBudget.saturatingProduct(4 * m + p, dtypeBytes);
    }

    public static double choleskyFactorFlops(long m) {
        return Math.pow(m, 3) / 3;
    }

    public static double parameterFlops(long m, long p) {
        return 2.0 * m * p * p + Math.pow(p, 3) / 3;
    }

    /** The bytes the chosen way holds for its system. */
    public static long bytes(SolverKind kind, long m, long p, int dtypeBytes, int gramBytes) {
        return switch (kind) {
            case CG -> conjugateGradientBytes(m, p, dtypeBytes);
            case PARAM -> parameterBytes(m, p, dtypeBytes, gramBytes);
            case CHOLESKY, AUTO -> choleskyBytes(m, dtypeBytes, gramBytes);
        };
    }

    /** {@code requested} itself unless it is AUTO; budget: the bytes the system may take (Long.MAX_VALUE: no limit known). */
    public static SolverPlan choose(SolverKind requested, long m, long p, int dtypeBytes, int gramBytes, long budget) {
        if (requested != SolverKind.AUTO) {
            return new SolverPlan(requested, "as --solver " + requested.flag() + " asks");
        }
        double param = parameterFlops(m, p), factor = choleskyFactorFlops(m);
        long paramBytes = parameterBytes(m, p, dtypeBytes, gramBytes), cholBytes = choleskyBytes(m, dtypeBytes, gramBytes);
        if (param < factor && paramBytes <= budget) {
            return new SolverPlan(SolverKind.PARAM, String.format(Locale.ROOT,
                    "P = %,d parameters against m = %,d rows: forming and factoring UᵀU (P × P) costs %,.1f GFLOP, factoring K alone %,.1f", p, m,
                    param / 1e9, factor / 1e9));
        }
        if (cholBytes <= budget) {
            return new SolverPlan(SolverKind.CHOLESKY, String.format(Locale.ROOT,
                    "m = %,d rows: K (m × m) and its factor take %s%s", m, HeapBudget.size(cholBytes),
                    budget == Long.MAX_VALUE ? "" : " of the " + HeapBudget.size(budget) + " available"));
        }
        return new SolverPlan(SolverKind.CG, String.format(Locale.ROOT,
                "m = %,d rows: K (m × m) and its factor would take %s, more than the %s available; conjugate gradients "
                        + "hold %s and never form K", m, HeapBudget.size(cholBytes), HeapBudget.size(budget),
                HeapBudget.size(conjugateGradientBytes(m, p, dtypeBytes))));
    }
}
