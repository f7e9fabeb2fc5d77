package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * (K + σI) x = r for a float64 K with a float32 Cholesky factor, refined in float64: each
 * step adds the factor's solve of the residual r − (K + σI)x, computed against K itself
 * (mixed-precision iterative refinement, the scheme of LAPACK's dsposv, here built from the
 * backend's operations so that the CPU and the GPU run the same algorithm). The factor costs
 * half a float64 one; each refinement step one symmetric product and two triangular solves,
 * m² each. Where K's condition number nears 1/ε₃₂ the corrections stop shrinking and
 * {@link #solve} says no, so the caller factors in float64 instead: never a silently coarser
 * answer.
 *
 * <p>The answer goes back into r's dtype, float32 on this path (the factor's precision is the
 * solve precision asked for), so refinement stops once a correction is far below a float32
 * rounding of x.
 */
final class RefinedCholesky {
    /** Refinement steps at most; at the contraction {@link #STALL} allows, 10 reach 2⁻¹⁰ of the first. */
    static final int MAX_STEPS = 10;
    /** Converged: a correction this small a fraction of x is 256 times below a float32 rounding (2⁻²⁴). */
    static final double CONVERGED = 0x1p-32;
    /** A correction shrinking by less than this factor has stopped converging. */
    static final double STALL = 0.5;
    /**
     * Stopped at the floor of float64 residuals: corrections no longer shrink but are already below
     * this fraction of x, a quarter of a float32 rounding, where a float64 factor's answer lands too.
     */
    static final double FLOOR = 0x1p-26;

    private final Backend be;
    private final Map<String, Mat> scratch = new HashMap<>();
    private int steps;
    private double unrefinedError;
    private String failure;

    RefinedCholesky(Backend be) {
        this.be = be;
    }

    /** Refinement steps of the last solve. */
    int steps() {
        return steps;
    }

    /**
     * The second step's correction relative to x in the last solve: how far the float32 factor's own answer
     * was from the refined one (NaN where refinement stopped before it).
     */
    double unrefinedError() {
        return unrefinedError;
    }

    /** Why the last solve said no, in a few words for the run log. */
    String failure() {
        return failure;
    }

    /**
     * rhs (m × 1) ← (K + shift·I)⁻¹ rhs for a float64 K (lower triangle read); false, with rhs
     * untouched, when the float32 factorization fails or refinement does not converge.
     */
    boolean solve(Mat k, double shift, Mat rhs) {
        int m = k.rows();
        steps = 0;
        unrefinedError = Double.NaN;
        failure = null;
        Mat factor = buffer("factor", m, m, DType.F32);
        be.copy(k, factor);
        be.addDiagonal(factor, shift);
        int info = be.cholesky(factor);
        if (info != 0) {
            failure = "float32 factor (info " + info + ")";
            return false;
        }
        Mat b = buffer("b", m, 1, DType.F64);
        Mat x = buffer("x", m, 1, DType.F64);
        Mat r = buffer("r", m, 1, DType.F64);
        Mat c = buffer("c", m, 1, DType.F32);
        be.copy(rhs, b);
        be.copy(b, r);
        be.fill(x, 0);
        double previous = Double.POSITIVE_INFINITY;
        for (int step = 1; step <= MAX_STEPS; step++) {
            be.copy(r, c);
            be.choleskySolve(factor, c);
            be.copy(c, r); // r holds the correction now, in float64
            be.axpy(1, r, x);
            steps = step;
            double correction = Math.sqrt(be.sumSquares(r));
            double size = Math.sqrt(be.sumSquares(x));
            if (step == 2) {
                unrefinedError = correction / size;
            }
            if (correction <= CONVERGED * size) {
                be.copy(x, rhs);
                return true;
            }
            boolean stalled = step > 1 && !(correction < STALL * previous);
            if (stalled || step == MAX_STEPS || !Double.isFinite(correction)) {
                if (correction <= FLOOR * size) {
                    be.copy(x, rhs);
                    return true;
                }
                failure = String.format(Locale.ROOT, "float32 factor refined %d steps to %.1e of x", step, correction / size);
                return false;
            }
            previous = correction;
            be.copy(b, r);
            be.symv(-1, k, x, 1, r);
            be.axpy(-shift, x, r);
        }
        throw new AssertionError("the last step returns");
    }

    private Mat buffer(String name, int rows, int cols, DType dt) {
        return scratch.computeIfAbsent(name + ":" + rows + "x" + cols, key -> be.zeros(rows, cols, dt));
    }
}
