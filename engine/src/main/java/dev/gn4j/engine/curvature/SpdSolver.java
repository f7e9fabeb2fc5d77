package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Solves (K + shift·I) x = r for the symmetric batch-space systems, with the
 * fallbacks of MATH.md: Cholesky; on failure retry with jitter 1e-8·tr/n, ×10 up
 * to 3 more times; then the same in float64; last, LU. Each fallback is logged
 * and counted. K itself is left intact, so one Gram serves several shifts (LM).
 *
 * <p>The factor is in the solve precision asked for. Where K is wider (float64 from 512
 * rows, MATH.md), a float32 factor refined in float64 ({@link RefinedCholesky}) answers
 * first. Where it cannot (K too ill-conditioned for float32), the ladder above starts at
 * the float64 factor instead: a precision choice, not a fallback, so it is logged once and
 * not counted. Each solve decides afresh, so a run resumed from a checkpoint solves exactly
 * as the uninterrupted one did.
 *
 * <p>Only K's lower triangle and diagonal are read (Cholesky with uplo = L and the
 * trace), so its strict upper triangle may hold anything (CurvatureRows.gram leaves
 * it unspecified). The LU rung, which reads the whole matrix, symmetrizes its copy.
 */
public final class SpdSolver {
    private static final Logger LOG = LoggerFactory.getLogger(SpdSolver.class);
    static final double FIRST_JITTER = 1e-8;
    static final int JITTER_RETRIES = 4;

    /** Solves with fallbacks logged one line each; after that, one line per LOG_PERIOD such solves. */
    static final int LOGGED_SOLVES = 20;
    static final int LOG_PERIOD = 100;

    private final Backend be;
    private final DType factorDtype;
    private final RefinedCholesky refined;
    private final Map<String, Mat> scratch = new HashMap<>();
    private int fallbacks;
    private final java.util.List<String> rungs = new java.util.ArrayList<>();
    private long solvesWithFallbacks;
    private long totalFallbacks;
    private int lastRefinementSteps;
    private boolean lastRefined;
    private long stalls;

    /** Factors in K's own dtype. */
    public SpdSolver(Backend be) {
        this(be, null);
    }

    /** Factors in factorDtype (null: K's own), refining in K's dtype where that is wider. */
    public SpdSolver(Backend be, DType factorDtype) {
        this.be = be;
        this.factorDtype = factorDtype;
        this.refined = new RefinedCholesky(be);
    }

    /** Float64 refinement steps the last solve took (0 where none was tried). */
    public int refinementSteps() {
        return lastRefinementSteps;
    }

    /** Whether the last solve's answer is the refined float32 factor's (else a factor in K's dtype answered). */
    public boolean refinedAnswer() {
        return lastRefined;
    }

    /** In the last refined solve, how far the float32 factor's own answer was from the refined one, relative (NaN if none). */
    public double unrefinedError() {
        return lastRefinementSteps == 0 ? Double.NaN : refined.unrefinedError();
    }

    /** Fallbacks taken since the last call to this method. */
    public int takeFallbackCount() {
        int n = fallbacks;
        fallbacks = 0;
        return n;
    }

    /**
     * rhs (m × 1, any dtype) ← (K + shift·I)⁻¹ rhs. Throws {@link NumericalFailure}
     * only when every fallback fails.
     */
    public void solve(Mat k, double shift, Mat rhs) {
        int before = fallbacks;
        rungs.clear();
        try {
            solveWithFallbacks(k, shift, rhs);
        } finally {
            if (fallbacks > before) {
                report(k, fallbacks - before);
            }
        }
    }

    private void report(Mat k, int taken) {
        solvesWithFallbacks++;
        totalFallbacks += taken;
        if (solvesWithFallbacks <= LOGGED_SOLVES) {
            LOG.warn("Cholesky of the {}x{} {} curvature system failed; {}{}", k.rows(), k.rows(), k.dtype(),
                    String.join(", then ", rungs), solvesWithFallbacks == LOGGED_SOLVES
                            ? " (further fallbacks are summarized every " + LOG_PERIOD + " solves; metrics.csv counts each)" : "");
        } else if (solvesWithFallbacks % LOG_PERIOD == 0) {
            LOG.warn("{} solves so far needed Cholesky fallbacks ({} fallbacks in all); the last: {}", solvesWithFallbacks,
                    totalFallbacks, String.join(", then ", rungs));
        }
    }

    private void solveWithFallbacks(Mat k, double shift, Mat rhs) {
        int m = k.rows();
        DType dt = k.dtype();
        lastRefinementSteps = 0;
        lastRefined = false;
        requireFiniteSystem(k, 0);
        if (dt == DType.F64 && factorDtype == DType.F32) {
            if (refined.solve(k, shift, rhs)) {
                lastRefinementSteps = refined.steps();
                lastRefined = true;
                requireFinite(rhs, m);
                return;
            } else {
                lastRefinementSteps = refined.steps();
                stalled(m);
            }
        }
        Mat a = buffer("a", m, m, dt);
        Mat x = buffer("x", m, 1, dt);
        if (tryCholesky(k, shift, rhs, a, x, dt)) {
            requireFinite(rhs, m);
            return;
        }
        if (dt == DType.F32) {
            fallbacks++;
            rungs.add("float64");
            Mat k64 = buffer("k64", m, m, DType.F64);
            be.copy(k, k64);
            if (tryCholesky(k64, shift, rhs, buffer("a64", m, m, DType.F64), buffer("x64", m, 1, DType.F64), DType.F64)) {
                requireFinite(rhs, m);
                return;
            }
            k = k64;
        }
        fallbacks++;
        rungs.add("LU");
        Mat a64 = buffer("a64", m, m, DType.F64);
        Mat x64 = buffer("x64", m, 1, DType.F64);
        be.copy(k, a64);
        be.symmetrize(a64); // LU reads both triangles; K's upper one is unspecified
        be.addDiagonal(a64, shift);
        if (!Double.isFinite(be.sumSquares(a64))) {
            throw divergedSystem(m, "below its diagonal");
        }
        be.copy(rhs, x64);
        int info = be.luSolve(a64, x64);
        if (info != 0 || !Double.isFinite(be.sumSquares(x64))) {
            throw new NumericalFailure("the " + m + "x" + m + " curvature system is singular (LU info " + info
                    + "); raise --lambda");
        }
        be.copy(x64, rhs);
    }

    private void stalled(int m) {
        stalls++;
        String why = "The float32 factor of the " + m + "x" + m + " curvature system does not reach the float64 answer ("
                + refined.failure() + "): factored in float64";
        if (stalls == 1) {
            LOG.info("{} (said once; each solve tries the float32 factor first). A small λ makes K this ill-conditioned; "
                    + "--solve-dtype f64 factors in float64 always.", why);
        } else {
            LOG.debug("{} ({} times so far)", why, stalls);
        }
    }

    private void requireFinite(Mat x, int m) {
        if (!Double.isFinite(be.sumSquares(x))) {
            throw new NumericalFailure("the " + m + "x" + m + " curvature solve produced NaN or Inf (is the loss finite?)");
        }
    }

    /**
     * No jitter or LU fixes a system with NaN or Inf in it, and an infinite diagonal even factors
     * (info 0) into a finite, wrong answer. The trace is checked before factoring; LAPACKE's NaN check
     * of the lower triangle answers info &lt; 0; an Inf below the diagonal shows in LU's symmetrized
     * copy. Each is a diverged step, not an ill-conditioned K. (The strict upper triangle is
     * unspecified, so K as a whole is never summed.)
     */
    private void requireFiniteSystem(Mat k, int info) {
        if (info < 0 || !Double.isFinite(be.trace(k))) {
            throw divergedSystem(k.rows(), info < 0 ? "LAPACK's NaN check, Cholesky info " + info : "its trace");
        }
    }

    private static NumericalFailure divergedSystem(int m, String evidence) {
        // Not K's dtype: a float32 step forms a float64 K from 512 rows on, and the overflow is upstream, in the network.
        return new NumericalFailure("the " + m + "x" + m + " curvature system has NaN or Inf entries (" + evidence + "): the "
                + "network's activations or its rows of J overflowed, so the run diverged; lower --lr (or use --line-search, "
                + "or raise --lambda)");
    }

    private boolean tryCholesky(Mat k, double shift, Mat rhs, Mat a, Mat x, DType dt) {
        int m = k.rows();
        be.copy(k, a);
        be.addDiagonal(a, shift);
        int info = be.cholesky(a);
        if (info == 0) {
            finish(a, rhs, x);
            return true;
        }
        requireFiniteSystem(k, info);
        double meanDiag = Math.abs(be.trace(k) + m * shift) / Math.max(1, m);
        double jitter = FIRST_JITTER * (meanDiag > 0 && Double.isFinite(meanDiag) ? meanDiag : 1);
        for (int attempt = 0; attempt < JITTER_RETRIES; attempt++, jitter *= 10) {
            fallbacks++;
            rungs.add(String.format(java.util.Locale.ROOT, "%s jitter %.3g%s", dt, jitter, attempt == 0 ? " (info " + info + ")" : ""));
            be.copy(k, a);
            be.addDiagonal(a, shift + jitter);
            info = be.cholesky(a);
            if (info == 0) {
                finish(a, rhs, x);
                return true;
            }
        }
        return false;
    }

    private void finish(Mat factor, Mat rhs, Mat x) {
        if (rhs.dtype() == factor.dtype()) {
            be.choleskySolve(factor, rhs);
        } else {
            be.copy(rhs, x);
            be.choleskySolve(factor, x);
            be.copy(x, rhs);
        }
    }

    private Mat buffer(String name, int rows, int cols, DType dt) {
        String key = name + ":" + rows + "x" + cols + ":" + dt;
        return scratch.computeIfAbsent(key, kk -> be.zeros(rows, cols, dt));
    }
}
