package dev.gn4j.engine.curvature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gn4j.engine.Fixture;
import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import org.junit.jupiter.api.Test;

/** The fallback ladder of MATH.md: jitter, float64, LU; and the refined float32 factor of a float64 K before it. */
class SpdSolverTest {
    private static final Backend BE = Fixture.CPU;

    private static Mat matrix(double[][] rows, DType dt) {
        int n = rows.length;
        double[] cm = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cm[i + n * j] = rows[i][j];
            }
        }
        Mat m = BE.zeros(n, n, dt);
        BE.upload(cm, m);
        return m;
    }

    @Test
    void positiveDefiniteSolvesWithoutFallback() {
        SpdSolver s = new SpdSolver(BE);
        Mat k = matrix(new double[][] {{4, 1}, {1, 3}}, DType.F64);
        Mat r = BE.zeros(2, 1, DType.F64);
        BE.upload(new double[] {1, 2}, r);
        s.solve(k, 1, r); // (K + I) x = r
        double[] x = BE.download(r);
        assertEquals(1, 5 * x[0] + x[1], 1e-14);
        assertEquals(2, x[0] + 4 * x[1], 1e-14);
        assertEquals(0, s.takeFallbackCount());
    }

    @Test
    void slightlyIndefiniteGramIsRescuedByJitter() {
        // v vᵀ − 1e-12 I: a rank-one Gram pushed just below zero, as rounding does to singular Grams.
        double[] v = {1, 2, 3};
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                a[i][j] = v[i] * v[j] - (i == j ? 1e-12 : 0);
            }
        }
        SpdSolver s = new SpdSolver(BE);
        Mat k = matrix(a, DType.F64);
        Mat r = BE.zeros(3, 1, DType.F64);
        BE.upload(new double[] {1, 0, -1}, r);
        s.solve(k, 0, r);
        assertEquals(1, s.takeFallbackCount(), "one jitter retry");
        // The solve is of K + jitter·I with jitter = 1e-8·tr/n.
        double jitter = 1e-8 * Math.abs(14 - 3e-12) / 3;
        double[] x = BE.download(r);
        double[] rhs = {1, 0, -1};
        for (int i = 0; i < 3; i++) {
            double row = jitter * x[i];
            for (int j = 0; j < 3; j++) {
                row += a[i][j] * x[j];
            }
            assertEquals(rhs[i], row, 1e-6 * Math.abs(x[i]) + 1e-9);
        }
        // The original K is untouched for the next shift.
        assertEquals(4 - 1e-12, BE.download(k)[4], 1e-15);
    }

    @Test
    void aSystemWithNanOrInfIsADivergedStepNotAFallback() {
        // An overflowed step (issue 18's digits run at step size 1): no jitter or LU may pretend to solve it. A NaN or an
        // infinite diagonal is caught before any fallback; an Inf below the diagonal only after the ladder, in LU's copy.
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            for (DType dt : DType.values()) {
                for (boolean onDiagonal : new boolean[] {true, false}) {
                    SpdSolver s = new SpdSolver(BE);
                    Mat k = matrix(onDiagonal ? new double[][] {{bad, 0}, {0, 3}} : new double[][] {{4, 0}, {bad, 3}}, dt);
                    Mat r = BE.zeros(2, 1, dt);
                    BE.upload(new double[] {1, 2}, r);
                    String where = bad + " " + dt + (onDiagonal ? " on" : " off") + " the diagonal";
                    NumericalFailure e = assertThrows(NumericalFailure.class, () -> s.solve(k, 1, r), where);
                    String what = where + ": " + e.getMessage();
                    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("NaN or Inf entries")
                            && e.getMessage().contains("lower --lr"), what);
                    if (onDiagonal || Double.isNaN(bad)) {
                        assertEquals(0, s.takeFallbackCount(), what + ": caught before any fallback");
                    }
                }
            }
        }
    }

    @Test
    void indefiniteSystemFallsThroughToLu() {
        SpdSolver s = new SpdSolver(BE);
        Mat k = matrix(new double[][] {{1, 2}, {2, 1}}, DType.F32); // eigenvalues 3 and −1
        Mat r = BE.zeros(2, 1, DType.F32);
        BE.upload(new double[] {3, 0}, r);
        s.solve(k, 0, r);
        // 4 jitters in f32, the switch to f64, 4 jitters in f64, then LU.
        assertEquals(10, s.takeFallbackCount());
        double[] x = BE.download(r);
        assertEquals(-1, x[0], 1e-6);
        assertEquals(2, x[1], 1e-6);
    }

    @Test
    void zeroGramIsRescuedByJitterButNaNIsANumericalFailure() {
        SpdSolver s = new SpdSolver(BE);
        Mat zero = matrix(new double[][] {{0, 0}, {0, 0}}, DType.F64);
        Mat rz = BE.zeros(2, 1, DType.F64);
        BE.upload(new double[] {1e-8, 2e-8}, rz);
        s.solve(zero, 0, rz);
        assertEquals(1, BE.download(rz)[0], 1e-12);
        assertEquals(1, s.takeFallbackCount());
        Mat k = matrix(new double[][] {{Double.NaN, 0}, {0, 1}}, DType.F64);
        Mat r = BE.zeros(2, 1, DType.F64);
        BE.upload(new double[] {1, 1}, r);
        assertThrows(NumericalFailure.class, () -> s.solve(k, 0, r));
    }

    /** The same matrix with its strict upper triangle overwritten by {@code junk}: what the solver may be handed. */
    private static Mat withUpper(double[][] rows, DType dt, double junk) {
        int n = rows.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = rows[i].clone();
            for (int j = i + 1; j < n; j++) {
                a[i][j] = junk;
            }
        }
        return matrix(a, dt);
    }

    private static double[][] randomSpd(int n, long seed, double shiftDiag) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double[][] b = new double[n][n];
        for (double[] row : b) {
            for (int j = 0; j < n; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += b[i][k] * b[j][k];
                }
            }
            a[i][i] += shiftDiag;
        }
        return a;
    }

    /** Solves with K symmetric and with K's strict upper triangle set to junk; both must agree to the bit. */
    private static void assertUpperTriangleIgnored(double[][] a, DType dt, double shift, double[] rhs, int expectFallbacks) {
        assertUpperTriangleIgnored(a, dt, null, shift, rhs, expectFallbacks);
    }

    private static void assertUpperTriangleIgnored(double[][] a, DType dt, DType factorDtype, double shift, double[] rhs,
                                                   int expectFallbacks) {
        int n = a.length;
        double[][] outs = new double[3][];
        double[] junks = {Double.NaN, 1e30, 0};
        for (int t = 0; t < 3; t++) {
            Mat k = t == 0 ? matrix(a, dt) : withUpper(a, dt, junks[t]);
            double[] lowerBefore = BE.download(k);
            SpdSolver s = new SpdSolver(BE, factorDtype);
            Mat r = BE.zeros(n, 1, dt);
            BE.upload(rhs, r);
            s.solve(k, shift, r);
            assertEquals(expectFallbacks, s.takeFallbackCount(), "fallbacks, upper " + (t == 0 ? "symmetric" : junks[t]));
            outs[t] = BE.download(r);
            org.junit.jupiter.api.Assertions.assertArrayEquals(lowerBefore, BE.download(k), "K is left intact");
        }
        for (int t = 1; t < 3; t++) {
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(outs[0][i]), Double.doubleToRawLongBits(outs[t][i]),
                        "x[" + i + "] with upper triangle " + junks[t] + ": " + outs[t][i] + " vs " + outs[0][i]);
            }
        }
    }

    @Test
    void choleskyAndJitterRungsNeverReadTheUpperTriangle() {
        double[] rhs = {1, -2, 0.5, 3, -1, 2};
        for (DType dt : DType.values()) {
            assertUpperTriangleIgnored(randomSpd(6, 11, 0.1), dt, 0.5, rhs, 0);
        }
        assertUpperTriangleIgnored(randomSpd(6, 11, 0.1), DType.F64, DType.F32, 0.5, rhs, 0); // the refined factor
        // Rank one pushed below zero: one jitter retry (the trace is read from the diagonal).
        double[] v = {1, 2, 3};
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                a[i][j] = v[i] * v[j] - (i == j ? 1e-12 : 0);
            }
        }
        assertUpperTriangleIgnored(a, DType.F64, 0, new double[] {1, 0, -1}, 1);
    }

    @Test
    void luFallbackSymmetrizesItsCopyOfTheLowerTriangle() {
        // Indefinite and nonsingular: every Cholesky rung fails and LU solves the full symmetric system,
        // built from the lower triangle whatever the upper one holds.
        double[][] a = {{1, 2, 0.5}, {2, 1, -1}, {0.5, -1, -3}};
        double[] rhs = {3, 0, 1};
        assertUpperTriangleIgnored(a, DType.F64, 0, rhs, 5);
        assertUpperTriangleIgnored(a, DType.F32, 0, rhs, 10);
        SpdSolver s = new SpdSolver(BE);
        Mat k = withUpper(a, DType.F64, Double.NaN);
        Mat r = BE.zeros(3, 1, DType.F64);
        BE.upload(rhs, r);
        s.solve(k, 0.25, r);
        double[] x = BE.download(r);
        for (int i = 0; i < 3; i++) {
            double row = 0.25 * x[i];
            for (int j = 0; j < 3; j++) {
                row += a[i][j] * x[j];
            }
            assertEquals(rhs[i], row, 1e-12, "row " + i + " of (K + 0.25 I) x = r");
        }
    }

    private static double[] solve(SpdSolver s, double[][] a, double shift, double[] rhs, DType rhsDtype) {
        Mat r = BE.zeros(rhs.length, 1, rhsDtype);
        BE.upload(rhs, r);
        s.solve(matrix(a, DType.F64), shift, r);
        return BE.download(r);
    }

    private static double relativeError(double[] got, double[] want) {
        double diff = 0, size = 0;
        for (int i = 0; i < got.length; i++) {
            diff += (got[i] - want[i]) * (got[i] - want[i]);
            size += want[i] * want[i];
        }
        return Math.sqrt(diff / size);
    }

    private static double[] gaussian(int n, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    @Test
    void refinedFloat32FactorSolvesAFloat64SystemToFloat64Accuracy() {
        // A Gram of 120 rows of 60 features, damped: rank-deficient K with κ(K + σI) in the hundreds of thousands,
        // as a step's Gram at a small λ. The float32 factor alone is off by about κ·ε₃₂; refined, it lands on the
        // float64 factor's answer to float64's own tolerance in MATH.md's tests.
        double[][] a = gram(120, 60, 21);
        double[] rhs = gaussian(120, 22);
        double shift = 1e-3;
        double[] want = solve(new SpdSolver(BE), a, shift, rhs, DType.F64);
        SpdSolver refined = new SpdSolver(BE, DType.F32);
        double[] got = solve(refined, a, shift, rhs, DType.F64);
        assertEquals(0, refined.takeFallbackCount());
        org.junit.jupiter.api.Assertions.assertTrue(refined.refinedAnswer());
        org.junit.jupiter.api.Assertions.assertTrue(refined.refinementSteps() >= 3, "steps " + refined.refinementSteps());
        double unrefined = refined.unrefinedError();
        org.junit.jupiter.api.Assertions.assertTrue(unrefined > 1e-5, "the float32 factor alone is coarse: " + unrefined);
        double err = relativeError(got, want);
        org.junit.jupiter.api.Assertions.assertTrue(err < 1e-10, "refined against float64: " + err);
        // A float32 right-hand side (a float32 step's r) comes back as the float64 answer rounded to float32.
        double[] got32 = solve(new SpdSolver(BE, DType.F32), a, shift, rhs, DType.F32);
        double[] want32 = solve(new SpdSolver(BE), a, shift, rhs, DType.F32);
        org.junit.jupiter.api.Assertions.assertArrayEquals(want32, got32, "float32 t: the float64 factor's, bit for bit");
    }

    @Test
    void refinementThatStallsGivesWayToTheFloat64Factor() {
        // κ ≈ 10⁷: a float32 factor exists but its corrections stop shrinking; well within float64's reach.
        double[][] a = gram(80, 10, 31);
        double[] rhs = gaussian(80, 32);
        double shift = 1e-5;
        SpdSolver plain = new SpdSolver(BE);
        double[] want = solve(plain, a, shift, rhs, DType.F64);
        assertEquals(0, plain.takeFallbackCount());
        SpdSolver refined = new SpdSolver(BE, DType.F32);
        double[] got = solve(refined, a, shift, rhs, DType.F64);
        org.junit.jupiter.api.Assertions.assertArrayEquals(want, got, "the float64 factor's answer, bit for bit");
        org.junit.jupiter.api.Assertions.assertFalse(refined.refinedAnswer());
        org.junit.jupiter.api.Assertions.assertTrue(refined.refinementSteps() >= 2, "refined, then stalled");
        assertEquals(0, refined.takeFallbackCount(), "a precision choice, not a fallback");
        // Each solve decides afresh (no state a checkpoint would have to carry): the next one tries refinement again.
        org.junit.jupiter.api.Assertions.assertArrayEquals(want, solve(refined, a, shift, rhs, DType.F64));
        org.junit.jupiter.api.Assertions.assertTrue(refined.refinementSteps() > 0, "tried again");
        // Then a well-conditioned system on the same solver is refined as before.
        double[][] easy = gram(80, 10, 31);
        for (int i = 0; i < 80; i++) {
            easy[i][i] += 1;
        }
        solve(refined, easy, 0, rhs, DType.F64);
        org.junit.jupiter.api.Assertions.assertTrue(refined.refinedAnswer());
        assertEquals(0, refined.takeFallbackCount());
    }

    /** X Xᵀ for X of n rows and k Gaussian features, lower and upper triangles both filled. */
    private static double[][] gram(int n, int k, long seed) {
        double[] x = gaussian(n * k, seed);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < k; c++) {
                    a[i][j] += x[i * k + c] * x[j * k + c];
                }
            }
        }
        return a;
    }
}
