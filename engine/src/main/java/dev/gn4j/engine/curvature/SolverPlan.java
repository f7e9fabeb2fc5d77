package dev.gn4j.engine.curvature;

import dev.gn4j.engine.memory.HeapBudget;
import java.util.Locale;

/**
 * The solver a run uses and why, from its {@link SystemSize} and the bytes the system may take.
 * --solver auto weighs FLOPs: the parameter-space solve (2·m·P² + P³/3) where it costs less than
 * forming and factoring K; else, where K fits, Cholesky when K costs fewer than
 * {@link #MIN_CG_ITERATIONS} CG iterations, and otherwise conjugate gradients first, for as many iterations
 * as cost what forming and factoring K does (each counted {@link #CG_PASS_SLOWDOWN} times its
 * FLOPs), then K if they have not converged; and conjugate gradients alone where K does not fit.
 *
 * @param choleskyAfter for CG: the iterations after which an unconverged solve forms and factors K
 *                      instead (0: never)
 */
public record SolverPlan(SolverKind kind, int choleskyAfter, String reason) {
    /**
     * How much slower per FLOP a conjugate-gradient pass is taken to run than forming and factoring K.
     * 1: on a 784-256-256-10 ce step at b = 256 on the CPU the passes ran as fast per FLOP
     * (bench/results/2026-12-03-solvers.md).
     */
    static final double CG_PASS_SLOWDOWN = 1;

    /**
     * CG is tried first only where K costs at least this many iterations: at the default λ it took
     * 4 to 8 (bench/results/2026-12-03-solvers.md), so a smaller budget would mostly end in K anyway,
     * after paying for the iterations too.
     */
    static final int MIN_CG_ITERATIONS = 8;

    /** K and the factor's copy in the Gram's dtype, and one layer's row products in the working dtype. */
    public static long choleskyBytes(long m, int dtypeBytes, int gramBytes) {
        return HeapBudget.saturatingProduct(HeapBudget.saturatingProduct(m, m), 2L * gramBytes + dtypeBytes);
    }

    /** U (m × P, and its copy in the Gram's dtype when that differs), UᵀU and the factor's copy. */
    public static long parameterBytes(long m, long p, int dtypeBytes, int gramBytes) {
        long u = HeapBudget.saturatingProduct(HeapBudget.saturatingProduct(m, p), dtypeBytes + (gramBytes != dtypeBytes ? gramBytes : 0));
        return HeapBudget.saturatingSum(u, HeapBudget.saturatingProduct(HeapBudget.saturatingProduct(p, p), 2L * gramBytes));
    }

    /** Conjugate gradients' five m-vectors and one P-vector. */
    public static long conjugateGradientBytes(long m, long p, int dtypeBytes) {
        return HeapBudget.saturatingProduct(HeapBudget.saturatingSum(5 * m, p), dtypeBytes);
    }

    public static double choleskyFlops(SystemSize s) {
        return s.formFlops() + Math.pow(s.rows(), 3) / 3;
    }

    public static double parameterFlops(SystemSize s) {
        return 2.0 * s.rows() * s.parameters() * s.parameters() + Math.pow(s.parameters(), 3) / 3;
    }

    /** The bytes the chosen way holds for its system (a CG that may turn to Cholesky counts K). */
    public static long bytes(SolverKind kind, boolean mayFormK, long m, long p, int dtypeBytes, int gramBytes) {
        return switch (kind) {
            case CG -> mayFormK ? choleskyBytes(m, dtypeBytes, gramBytes) : conjugateGradientBytes(m, p, dtypeBytes);
            case PARAM -> parameterBytes(m, p, dtypeBytes, gramBytes);
            case CHOLESKY, AUTO -> choleskyBytes(m, dtypeBytes, gramBytes);
        };
    }

    /** {@code requested} itself unless it is AUTO; budget: the bytes the system may take (Long.MAX_VALUE: no limit known). */
    public static SolverPlan choose(SolverKind requested, SystemSize s, int cgMaxIterations, long budget) {
        if (requested != SolverKind.AUTO) {
            return new SolverPlan(requested, 0, "as --solver " + requested.flag() + " asks");
        }
        long m = s.rows(), p = s.parameters();
        double param = parameterFlops(s), chol = choleskyFlops(s);
        if (param < chol && parameterBytes(m, p, s.dtypeBytes(), s.gramBytes()) <= budget) {
            return new SolverPlan(SolverKind.PARAM, 0, String.format(Locale.ROOT,
                    "P = %,d parameters against m = %,d rows: forming and factoring UᵀU (P × P) costs %s, "
                            + "forming and factoring K %s", p, m, flops(param), flops(chol)));
        }
        long cholBytes = choleskyBytes(m, s.dtypeBytes(), s.gramBytes());
        if (cholBytes <= budget) {
            long breakEven = (long) (chol / (CG_PASS_SLOWDOWN * s.passFlops()));
            if (breakEven < MIN_CG_ITERATIONS) {
                return new SolverPlan(SolverKind.CHOLESKY, 0, String.format(Locale.ROOT,
                        "m = %,d rows: forming and factoring K (%s, %s) costs less than %d conjugate-gradient "
                                + "iterations", m, flops(chol), HeapBudget.size(cholBytes), MIN_CG_ITERATIONS));
            }
            int after = (int) Math.min(breakEven, cgMaxIterations);
            return new SolverPlan(SolverKind.CG, after, String.format(Locale.ROOT,
                    "m = %,d rows: conjugate gradients first, for up to %d iterations (what forming and factoring K costs: "
                            + "%s), then K (%s) if they have not converged", m, after, flops(chol),
                    HeapBudget.size(cholBytes)));
        }
        return new SolverPlan(SolverKind.CG, 0, String.format(Locale.ROOT,
                "m = %,d rows: K (m × m) and its factor would take %s, more than the %s available; conjugate gradients "
                        + "hold %s and never form K", m, HeapBudget.size(cholBytes), HeapBudget.size(budget),
                HeapBudget.size(conjugateGradientBytes(m, p, s.dtypeBytes()))));
    }

    /** "12.34 GFLOP", "5.60 MFLOP" or "830 FLOP": a count a person can read at any size. */
    static String flops(double f) {
        if (f >= 1e9) {
            return String.format(Locale.ROOT, "%,.2f GFLOP", f / 1e9);
        }
        return f >= 1e6 ? String.format(Locale.ROOT, "%.2f MFLOP", f / 1e6) : String.format(Locale.ROOT, "%,.0f FLOP", f);
    }

    /** "cholesky", "param", "cg", or "cg, then K after 17" for CG first: what a table cell says. */
    public String label() {
        return choleskyAfter > 0 ? kind.flag() + ", then K after " + choleskyAfter : kind.flag();
    }

    /** The settings that carry this plan out. */
    public SolverSettings settings(SolverSettings requested) {
        return new SolverSettings(kind, requested.cgTolerance(), requested.cgMaxIterations(), choleskyAfter);
    }
}
