package dev.gn4j.engine.curvature;

import dev.gn4j.engine.memory.HeapBudget;
import java.util.Locale;

/**
 * The solver a run uses and why, from its {@link SystemSize} and what the system may take.
 * --solver auto weighs FLOPs. Of the two direct ways that fit (the budget, and one matrix's
 * size on the device), forming and factoring K (m³/3 and the products) or the parameter-space
 * solve (2·m·P² + P³/3), it takes the cheaper; then, when that costs fewer than
 * {@link #MIN_CG_ITERATIONS} conjugate-gradient iterations, that way outright, and otherwise
 * conjugate gradients first, for as many iterations as the direct way costs (each counted
 * {@link #CG_PASS_SLOWDOWN} times its FLOPs), then the direct way if they have not converged.
 * Where neither fits, conjugate gradients alone. A step thus costs at most about twice the
 * cheaper direct way, and at the usual damping CG converges long before its budget.
 *
 * @param directAfter for CG: the iterations after which an unconverged solve turns to {@code direct}
 *                    instead (0: never)
 * @param direct      CHOLESKY or PARAM where directAfter > 0, else null
 */
public record SolverPlan(SolverKind kind, int directAfter, SolverKind direct, String reason) {
    /**
     * How much slower per FLOP a conjugate-gradient pass is taken to run than the direct ways.
     * 1: on a 784-256-256-10 ce step at b = 256 on the CPU the passes ran as fast per FLOP
     * (bench/results/2026-12-03-solvers.md).
     */
    static final double CG_PASS_SLOWDOWN = 1;

    /**
     * CG is tried first only where the direct way costs at least this many iterations: at the default λ it
     * took 4 to 8 (bench/results/2026-12-03-solvers.md), so a smaller budget would mostly end in the direct
     * way anyway, after paying for the iterations too.
     */
    static final int MIN_CG_ITERATIONS = 8;

    /** K in the Gram's dtype, its factor's copies ({@link #factorCopyBytes}), and one layer's row products in the working dtype. */
    public static long choleskyBytes(long m, int dtypeBytes, int gramBytes, int factorBytes) {
        return HeapBudget.saturatingProduct(HeapBudget.saturatingProduct(m, m), (long) gramBytes + factorCopyBytes(gramBytes, factorBytes)
                + dtypeBytes);
    }

    /**
     * Bytes per element of an n × n system's factor copies: one in the factor's dtype, and where that is narrower than
     * the system's (a refined float32 factor), the float64 one its fallback would make.
     */
    static long factorCopyBytes(int systemBytes, int factorBytes) {
        return factorBytes + (factorBytes < systemBytes ? systemBytes : 0);
    }

    /** The largest single matrix of the Cholesky way: K in the Gram's dtype. */
    public static long choleskyMatrixBytes(long m, int gramBytes) {
        return HeapBudget.saturatingProduct(HeapBudget.saturatingProduct(m, m), gramBytes);
    }

    /** U (m × P, and its copy in the Gram's dtype when that differs), UᵀU and its factor's copies. */
    public static long parameterBytes(long m, long p, int dtypeBytes, int gramBytes, int factorBytes) {
        long u = HeapBudget.saturatingProduct(HeapBudget.saturatingProduct(m, p), dtypeBytes + (gramBytes != dtypeBytes ? gramBytes : 0));
        return HeapBudget.saturatingSum(u, HeapBudget.saturatingProduct(HeapBudget.saturatingProduct(p, p),
                gramBytes + factorCopyBytes(gramBytes, factorBytes)));
    }

    /** The largest single matrix of the parameter-space way: U (in the wider dtype) or UᵀU. */
    public static long parameterMatrixBytes(long m, long p, int dtypeBytes, int gramBytes) {
        return Math.max(HeapBudget.saturatingProduct(HeapBudget.saturatingProduct(m, p), Math.max(dtypeBytes, gramBytes)),
                HeapBudget.saturatingProduct(HeapBudget.saturatingProduct(p, p), gramBytes));
    }

    /** Conjugate gradients' five m-vectors and one P-vector. */
    public static long conjugateGradientBytes(long m, long p, int dtypeBytes) {
        return HeapBudget.saturatingProduct(HeapBudget.saturatingSum(5 * m, p), dtypeBytes);
    }

    /**
     * Forming and factoring K, in FLOPs of the working dtype, at its most: the factorization runs in the solve
     * precision (a float64 one costs twice a float32 one on the CPU, and more on most GPUs), and a refined
     * float32 factor may give way to the float64 one (SpdSolver), so both are counted, as the memory plan
     * counts both; the refinement steps (m² each) are left out, as they are a few against m/3.
     */
    public static double choleskyFlops(SystemSize s) {
        return s.formFlops() + Math.pow(s.rows(), 3) / 3 * factorWidening(s);
    }

    /** UᵀU in the Gram's dtype and its factorization as for K, in FLOPs of the working dtype. */
    public static double parameterFlops(SystemSize s) {
        return 2.0 * s.rows() * s.parameters() * s.parameters() * widening(s.gramBytes(), s)
                + Math.pow(s.parameters(), 3) / 3 * factorWidening(s);
    }

    /** The factorization's FLOP weight: the factor's own, plus the float64 factor a refined one may fall back to. */
    private static double factorWidening(SystemSize s) {
        return widening(s.factorBytes(), s) + (s.factorBytes() < s.gramBytes() ? widening(s.gramBytes(), s) : 0);
    }

    /** A FLOP on elements of this size in working-dtype FLOPs: 2 for float64 over float32 work, else 1. */
    private static double widening(int elementBytes, SystemSize s) {
        return Math.max(1.0, (double) elementBytes / s.dtypeBytes());
    }

    /** The bytes the chosen way holds for its system (a CG that may turn to a direct way counts that way). */
    public static long bytes(SolverKind kind, SolverKind direct, long m, long p, int dtypeBytes, int gramBytes, int factorBytes) {
        return switch (kind) {
            case CG -> direct == null ? conjugateGradientBytes(m, p, dtypeBytes)
                    : bytes(direct, null, m, p, dtypeBytes, gramBytes, factorBytes);
            case PARAM -> parameterBytes(m, p, dtypeBytes, gramBytes, factorBytes);
            case CHOLESKY, AUTO -> choleskyBytes(m, dtypeBytes, gramBytes, factorBytes);
        };
    }

    /** As {@link #choose(SolverKind, SystemSize, int, long, long)} with no limit on one matrix's size. */
    public static SolverPlan choose(SolverKind requested, SystemSize s, int cgMaxIterations, long budget) {
        return choose(requested, s, cgMaxIterations, budget, Long.MAX_VALUE);
    }

    /**
     * {@code requested} itself unless it is AUTO; budget: the bytes the system may take (Long.MAX_VALUE: no limit
     * known); maxMatrixBytes: the most one of the device's matrices may take (a CPU matrix: 2³¹ − 1 bytes), so that K
     * or U is never planned where it cannot be allocated however much memory there is.
     */
    public static SolverPlan choose(SolverKind requested, SystemSize s, int cgMaxIterations, long budget, long maxMatrixBytes) {
        if (requested != SolverKind.AUTO) {
            return new SolverPlan(requested, 0, null, "as --solver " + requested.flag() + " asks");
        }
        long m = s.rows(), p = s.parameters();
        int dt = s.dtypeBytes(), gt = s.gramBytes(), ft = s.factorBytes();
        long cholBytes = choleskyBytes(m, dt, gt, ft), paramBytes = parameterBytes(m, p, dt, gt, ft);
        String cholWhy = cholBytes > budget ? HeapBudget.size(cholBytes) + ", more than the " + HeapBudget.size(budget) + " available"
                : choleskyMatrixBytes(m, gt) > maxMatrixBytes ? "K alone " + HeapBudget.size(choleskyMatrixBytes(m, gt))
                        + ", more than one matrix on this device holds (" + HeapBudget.size(maxMatrixBytes) + ")" : null;
        String paramWhy = paramBytes > budget ? HeapBudget.size(paramBytes) + ", more than the " + HeapBudget.size(budget) + " available"
                : parameterMatrixBytes(m, p, dt, gt) > maxMatrixBytes ? "more than one matrix on this device holds" : null;
        double chol = choleskyFlops(s), param = parameterFlops(s);
        SolverKind direct;
        double cost;
        String what;
        if (cholWhy == null && (paramWhy != null || chol <= param)) {
            direct = SolverKind.CHOLESKY;
            cost = chol;
            what = String.format(Locale.ROOT, "forming and factoring K (%s, %s)", flops(chol), HeapBudget.size(cholBytes));
        } else if (paramWhy == null) {
            direct = SolverKind.PARAM;
            cost = param;
            what = String.format(Locale.ROOT, "the P × P system (P = %,d: %s, %s)", p, flops(param), HeapBudget.size(paramBytes));
        } else {
            return new SolverPlan(SolverKind.CG, 0, null, String.format(Locale.ROOT,
                    "m = %,d rows: K (m × m) and its factor would take %s, the P × P way %s; conjugate gradients "
                            + "hold %s and never form either", m, cholWhy, paramWhy, HeapBudget.size(conjugateGradientBytes(m, p, dt))));
        }
        long breakEven = (long) (cost / (CG_PASS_SLOWDOWN * s.passFlops()));
        if (breakEven < MIN_CG_ITERATIONS) {
            return new SolverPlan(direct, 0, null, String.format(Locale.ROOT,
                    "m = %,d rows: %s costs less than %d conjugate-gradient iterations", m, what, MIN_CG_ITERATIONS));
        }
        int after = (int) Math.min(breakEven, cgMaxIterations);
        return new SolverPlan(SolverKind.CG, after, direct, String.format(Locale.ROOT,
                "m = %,d rows: conjugate gradients first, for up to %d iterations (what %s costs), then that way if they "
                        + "have not converged", m, after, what));
    }

    /** "12.34 GFLOP", "5.60 MFLOP" or "830 FLOP": a count a person can read at any size. */
    static String flops(double f) {
        if (f >= 1e9) {
            return String.format(Locale.ROOT, "%,.2f GFLOP", f / 1e9);
        }
        return f >= 1e6 ? String.format(Locale.ROOT, "%.2f MFLOP", f / 1e6) : String.format(Locale.ROOT, "%,.0f FLOP", f);
    }

    /** "cholesky", "param", "cg", or "cg, then K after 17" (or "then P × P") for CG first: what a table cell says. */
    public String label() {
        return directAfter > 0 ? kind.flag() + ", then " + (direct == SolverKind.PARAM ? "P × P" : "K") + " after " + directAfter
                : kind.flag();
    }

    /** The settings that carry this plan out. */
    public SolverSettings settings(SolverSettings requested) {
        return new SolverSettings(kind, requested.cgTolerance(), requested.cgMaxIterations(), directAfter, direct);
    }
}
