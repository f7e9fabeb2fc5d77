package dev.gn4j.engine.backend.cpu;

import static dev.gn4j.engine.backend.cpu.Twins.FAST;
import static dev.gn4j.engine.backend.cpu.Twins.REF;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every typed kernel against the scalar reference loops: random inputs, views at
 * offsets inside larger parents, odd sizes and sizes past the parallel threshold,
 * both dtypes and the dtype mixes the engine uses. Bit-identical everywhere except
 * tanh (FastTanh, within 2 ulps), the float32 dot product beyond one block and the
 * float32 sum of squares (OpenBLAS dsdot, within 1e-7 relative).
 */
class TypedKernelsTest {
    private static final DType[] DTYPES = {DType.F32, DType.F64};
    private static final int[][] SHAPES = {{1, 1}, {3, 5}, {17, 9}, {130, 33}, {257, 300}};

    private final SplittableRandom rng = new SplittableRandom(20261122);

    private static String at(String op, DType dt, int... dims) {
        return op + " " + dt + " " + java.util.Arrays.toString(dims);
    }

    @Test
    void uploadDownloadCopyAndFill() {
        for (DType dt : DTYPES) {
            for (int n : new int[] {1, 7, 4097, 300_001}) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = rng.nextGaussian();
                }
                Twins t = Twins.random(rng, n, 1, dt, 1);
                FAST.upload(v, t.fast);
                REF.upload(v, t.ref);
                t.assertSame(at("upload", dt, n));
                assertArrayEquals(REF.download(t.ref), FAST.download(t.fast), 0.0, at("download", dt, n));

                for (double value : new double[] {0.0, -0.0, 1.5, Double.NaN}) {
                    Twins f = Twins.random(rng, n, 1, dt, 1);
                    FAST.fill(f.fast, value);
                    REF.fill(f.ref, value);
                    f.assertSame(at("fill " + value, dt, n));
                }
                for (DType to : DTYPES) {
                    Twins src = Twins.random(rng, n, 1, dt, 3);
                    Twins dst = Twins.random(rng, n, 1, to, 1);
                    FAST.copy(src.fast, dst.fast);
                    REF.copy(src.ref, dst.ref);
                    dst.assertSame(at("copy →" + to, dt, n));
                }
            }
        }
    }

    @Test
    void overlappingCopiesKeepTheScalarLoopsOrder() {
        for (DType dt : DTYPES) {
            for (int shift : new int[] {-3, 0, 3}) {
                Twins t = Twins.random(rng, 40, 1, dt, 1);
                Mat fp = t.fast.view(0, 40, 1), rp = t.ref.view(0, 40, 1);
                int from = shift < 0 ? 0 : shift, to = shift < 0 ? -shift : 0;
                FAST.copy(fp.view(from, 30, 1), fp.view(to, 30, 1));
                REF.copy(rp.view(from, 30, 1), rp.view(to, 30, 1));
                t.assertSame(at("overlapping copy shift " + shift, dt));
            }
        }
    }

    @Test
    void symmetrizeEveryBlockEdge() {
        for (DType dt : DTYPES) {
            for (int n : new int[] {1, 2, 63, 64, 65, 129, 300, 700}) {
                Twins t = Twins.random(rng, n, n, dt, 1);
                FAST.symmetrize(t.fast);
                REF.symmetrize(t.ref);
                t.assertSame(at("symmetrize", dt, n));
            }
        }
    }

    @Test
    void gramAccumulateAllDtypeMixes() {
        DType[][] mixes = {{DType.F32, DType.F64}, {DType.F64, DType.F64}, {DType.F32, DType.F32}, {DType.F64, DType.F32}};
        for (DType[] mix : mixes) {
            DType in = mix[0], gram = mix[1];
            // 800 × 1 splits the triangle into parallel parts.
            for (int[] br : new int[][] {{1, 1}, {5, 3}, {13, 1}, {7, 10}, {40, 10}, {130, 3}, {800, 1}}) {
                int b = br[0], rps = br[1], m = b * rps;
                Twins s = Twins.random(rng, m, m, in, 1);
                Twins a = Twins.random(rng, b, b, in, 1);
                Twins k = Twins.random(rng, m, m, gram, 1);
                FAST.gramAccumulate(s.fast, a.fast, rps, k.fast);
                REF.gramAccumulate(s.ref, a.ref, rps, k.ref);
                k.assertSame(at("gramAccumulate " + in + "→" + gram, in, b, rps));
            }
        }
    }

    @Test
    void activationsAndTheirGradients() {
        for (DType dt : DTYPES) {
            for (int[] sh : SHAPES) {
                int b = sh[0], d = sh[1];
                for (Activation f : Activation.values()) {
                    Twins z = Twins.random(rng, b, d, dt, 2);
                    Twins a = Twins.random(rng, b, d, dt, 1);
                    FAST.activation(f, z.fast, a.fast);
                    REF.activation(f, z.ref, a.ref);
                    check(a, f, at("activation " + f, dt, b, d));

                    for (int rps : new int[] {1, 3, 10}) {
                        Twins g = Twins.random(rng, b * rps, d, dt, 1);
                        Twins out = Twins.random(rng, b * rps, d, dt, 1);
                        // a = σ(z) from the reference, identical in both, as the engine passes it
                        REF.copy(a.ref, a.fast);
                        FAST.activationGrad(f, z.fast, a.fast, g.fast, rps, out.fast);
                        REF.activationGrad(f, z.ref, a.ref, g.ref, rps, out.ref);
                        check(out, f, at("activationGrad " + f + " rps " + rps, dt, b, d));
                        FAST.activationGrad(f, z.fast, a.fast, g.fast, rps, g.fast); // in place, as backpropRows does
                        REF.activationGrad(f, z.ref, a.ref, g.ref, rps, g.ref);
                        check(g, f, at("activationGrad in place " + f + " rps " + rps, dt, b, d));
                    }
                }
            }
        }
    }

    /** Exact, except that tanh (and GELU, built on it) may differ by FastTanh's ulps. */
    private static void check(Twins t, Activation f, String what) {
        if (f == Activation.TANH) {
            t.assertWithinUlps(2, 0, what);
        } else if (f == Activation.GELU) {
            t.assertWithinUlps(8, 1, what);
        } else {
            t.assertSame(what);
        }
    }

    @Test
    void activationSpecialValues() {
        double[] v = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300, -30, 30, 0.625, -0.625};
        for (DType dt : DTYPES) {
            for (Activation f : Activation.values()) {
                Twins z = Twins.of(v, 0, v.length, 1, dt);
                Twins a = Twins.of(new double[v.length], 0, v.length, 1, dt);
                FAST.activation(f, z.fast, a.fast);
                REF.activation(f, z.ref, a.ref);
                check(a, f, at("activation of special values " + f, dt));
            }
        }
    }

    @Test
    void biasColumnSumsAndMse() {
        for (DType dt : DTYPES) {
            for (int[] sh : SHAPES) {
                int b = sh[0], d = sh[1];
                Twins m = Twins.random(rng, b, d, dt, 1);
                Twins bias = Twins.random(rng, d, 1, dt, 1);
                FAST.addBias(m.fast, bias.fast);
                REF.addBias(m.ref, bias.ref);
                m.assertSame(at("addBias", dt, b, d));
                for (double beta : new double[] {0, 0.5}) {
                    Twins out = Twins.random(rng, d, 1, dt, 1);
                    FAST.columnSums(0.25, m.fast, beta, out.fast);
                    REF.columnSums(0.25, m.ref, beta, out.ref);
                    out.assertSame(at("columnSums β " + beta, dt, b, d));
                }
                Twins y = Twins.random(rng, b, d, dt, 1);
                Twins g = Twins.random(rng, b, d, dt, 1);
                assertEquals(REF.mseResidual(m.ref, y.ref, g.ref), FAST.mseResidual(m.fast, y.fast, g.fast), 0.0,
                        at("mse loss", dt, b, d));
                g.assertSame(at("mse residual", dt, b, d));
                assertEquals(REF.mseResidual(m.ref, y.ref, m.ref), FAST.mseResidual(m.fast, y.fast, m.fast), 0.0,
                        at("mse loss in place", dt, b, d));
                m.assertSame(at("mse residual in place", dt, b, d));
            }
            // A column longer than one staging chunk (the CUDA twin test's 100,003 rows).
            Twins tall = Twins.random(rng, 100_003, 2, dt, 1);
            Twins out = Twins.random(rng, 2, 1, dt, 1);
            FAST.columnSums(1, tall.fast, 0, out.fast);
            REF.columnSums(1, tall.ref, 0, out.ref);
            out.assertSame(at("columnSums tall", dt, 100_003));
        }
    }

    @Test
    void softmaxLossAndQFactor() {
        for (DType dt : DTYPES) {
            for (int[] bc : new int[][] {{1, 1}, {1, 3}, {7, 2}, {128, 10}, {300, 7}}) {
                int b = bc[0], c = bc[1];
                Twins f = Twins.random(rng, b, c, dt, 3);
                Twins y = Twins.labels(rng, b, c, dt);
                Twins p = Twins.random(rng, b, c, dt, 1);
                Twins g = Twins.random(rng, b, c, dt, 1);
                assertEquals(REF.softmaxCrossEntropy(f.ref, y.ref, p.ref, g.ref),
                        FAST.softmaxCrossEntropy(f.fast, y.fast, p.fast, g.fast), 0.0, at("ce loss", dt, b, c));
                p.assertSame(at("softmax p", dt, b, c));
                g.assertSame(at("softmax residual", dt, b, c));
                assertEquals(REF.countCorrect(f.ref, y.ref), FAST.countCorrect(f.fast, y.fast), at("countCorrect", dt, b, c));

                if (c >= 2) { // a Q-factor needs two classes
                    Twins q = Twins.random(rng, b * (c - 1), c, dt, 1);
                    FAST.softmaxQFactor(p.fast, q.fast);
                    REF.softmaxQFactor(p.ref, q.ref);
                    q.assertSame(at("softmaxQFactor", dt, b, c));
                }
            }
        }
    }

    @Test
    void rowContractionsAndOuterRows() {
        for (DType dt : DTYPES) {
            for (int[] bcr : new int[][] {{1, 1, 1}, {5, 3, 3}, {9, 4, 1}, {128, 10, 10}}) {
                int b = bcr[0], c = bcr[1], rps = bcr[2], m = b * rps;
                Twins seed = Twins.random(rng, m, c, dt, 1);
                Twins v = Twins.random(rng, m, 1, dt, 1);
                Twins out = Twins.random(rng, b, c, dt, 1);
                FAST.contractRows(seed.fast, v.fast, rps, out.fast);
                REF.contractRows(seed.ref, v.ref, rps, out.ref);
                out.assertSame(at("contractRows", dt, b, c, rps));

                Twins x = Twins.random(rng, b, c, dt, 1);
                Twins r = Twins.random(rng, m, 1, dt, 1);
                FAST.rowDot(seed.fast, x.fast, rps, r.fast);
                REF.rowDot(seed.ref, x.ref, rps, r.ref);
                r.assertSame(at("rowDot", dt, b, c, rps));
            }
            for (int[] mde : new int[][] {{1, 1, 1, 1}, {6, 3, 4, 2}, {40, 7, 30, 10},
                    {5, 1, 7, 3}, {128, 1, 33, 1}, {300, 1, 50, 1}, {5000, 1, 3, 1}}) {
                int b = mde[0], d = mde[1], e = mde[2], rps = mde[3], m = b * rps;
                Twins g = Twins.random(rng, m, d, dt, 1);
                Twins a = Twins.random(rng, b, e, dt, 1);
                Twins out = Twins.random(rng, m, d * e + d, dt, 1);
                FAST.outerRows(g.fast, a.fast, rps, out.fast);
                REF.outerRows(g.ref, a.ref, rps, out.ref);
                out.assertSame(at("outerRows", dt, m, d, e, rps));
            }
        }
    }

    @Test
    void adam() {
        for (DType dt : DTYPES) {
            for (int n : new int[] {1, 9, 5000, 100_001}) {
                Twins p = Twins.random(rng, n, 1, dt, 1), g = Twins.random(rng, n, 1, dt, 1);
                Twins m = Twins.random(rng, n, 1, dt, 0.1), v = Twins.random(rng, n, 1, dt, 0.1);
                // second moments are nonnegative
                double[] vv = REF.download(v.ref);
                for (int i = 0; i < n; i++) {
                    vv[i] = Math.abs(vv[i]);
                }
                REF.upload(vv, v.ref);
                REF.upload(vv, v.fast);
                for (long t = 1; t <= 3; t++) {
                    double wd = t == 2 ? 0.01 : 0;
                    FAST.adamUpdate(p.fast, g.fast, m.fast, v.fast, 1e-3, 0.9, 0.999, 1e-8, wd, t);
                    REF.adamUpdate(p.ref, g.ref, m.ref, v.ref, 1e-3, 0.9, 0.999, 1e-8, wd, t);
                }
                p.assertSame(at("adam θ", dt, n));
                m.assertSame(at("adam m", dt, n));
                v.assertSame(at("adam v", dt, n));
            }
        }
    }

    @Test
    void float32DotAccumulatesInDoubleInAFixedOrder() {
        for (int n : new int[] {1, 5, VectorKernels.DOT_BLOCK, VectorKernels.DOT_BLOCK + 1, 269_322}) {
            Twins x = Twins.random(rng, n, 1, DType.F32, 1), y = Twins.random(rng, n, 1, DType.F32, 1);
            double ref = REF.dot(x.ref, y.ref);
            double fast = FAST.dot(x.fast, y.fast);
            if (n <= VectorKernels.DOT_BLOCK) {
                assertEquals(ref, fast, 0.0, "dot of " + n + " is the scalar sum exactly");
            } else {
                assertEquals(ref, fast, 1e-12 * Math.sqrt(n), "dot of " + n);
            }
            assertEquals(fast, FAST.dot(x.fast, y.fast), 0.0, "dot is reproducible");
        }
        // Cancellation a float accumulator would lose: 1e8 + 1 − 1e8.
        Twins x = Twins.of(new double[] {1e8, 1, -1e8}, 0, 3, 1, DType.F32);
        Twins ones = Twins.of(new double[] {1, 1, 1}, 0, 3, 1, DType.F32);
        assertEquals(1.0, FAST.dot(x.fast, ones.fast), 0.0);
    }

    @Test
    void float32SumOfSquaresIsCloseToTheDoubleSumAndKeepsNonFiniteMeaning() {
        for (int n : new int[] {0, 1, 7, 4225, 269_322}) {
            Twins x = Twins.random(rng, n, 1, DType.F32, 3);
            double ref = REF.sumSquares(x.ref); // left to right in double
            double fast = FAST.sumSquares(x.fast);
            assertEquals(ref, fast, 1e-7 * ref, "sumSquares of " + n);
            assertEquals(fast, FAST.sumSquares(x.fast), 0.0, "reproducible");
        }
        for (int n : new int[] {3, 100_000}) {
            double[] big = new double[n];
            java.util.Arrays.fill(big, 1e20); // finite floats whose squares overflow float
            Twins x = Twins.of(big, 0, n, 1, DType.F32);
            double expect = REF.sumSquares(x.ref);
            assertTrue(Double.isFinite(expect));
            assertEquals(expect, FAST.sumSquares(x.fast), 1e-7 * expect, "no overflow for finite input, n " + n);
            big[n / 2] = Double.NaN;
            assertTrue(Double.isNaN(FAST.sumSquares(Twins.of(big, 0, n, 1, DType.F32).fast)), "NaN, n " + n);
            big[n / 2] = Double.POSITIVE_INFINITY;
            assertEquals(Double.POSITIVE_INFINITY, FAST.sumSquares(Twins.of(big, 0, n, 1, DType.F32).fast), "Inf, n " + n);
        }
    }

    @Test
    void symvReadsTheLowerTriangleOnly() {
        for (DType dt : DTYPES) {
            for (int n : new int[] {1, 5, 130}) {
                Twins a = Twins.random(rng, n, n, dt, 1); // the strict upper triangle is unrelated noise
                Twins x = Twins.random(rng, n, 1, dt, 1), y = Twins.random(rng, n, 1, dt, 1);
                double[] av = FAST.download(a.fast), xv = FAST.download(x.fast), yv = FAST.download(y.fast);
                FAST.symv(0.5, a.fast, x.fast, -2, y.fast);
                double[] got = FAST.download(y.fast);
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += av[Math.max(i, j) + n * Math.min(i, j)] * xv[j]; // element (max, min): lower triangle
                    }
                    double expect = 0.5 * s - 2 * yv[i];
                    double tol = (dt == DType.F64 ? 1e-13 : 1e-5) * (1 + Math.abs(expect) + n);
                    assertEquals(expect, got[i], tol, at("symv", dt, n, i));
                }
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> FAST.symv(1, FAST.zeros(3, 3, DType.F64), FAST.zeros(3, 1, DType.F32), 0, FAST.zeros(3, 1, DType.F64)));
        assertThrows(IllegalArgumentException.class,
                () -> FAST.symv(1, FAST.zeros(3, 3, DType.F64), FAST.zeros(2, 1, DType.F64), 0, FAST.zeros(3, 1, DType.F64)));
    }

    @Test
    void choleskySolveWithOneRightHandSide() {
        for (DType dt : DTYPES) {
            for (int n : new int[] {1, 2, 37, 300}) {
                Twins a = Twins.random(rng, n, 2 * n, dt, 1);
                Twins k = Twins.random(rng, n, n, dt, 1);
                REF.syrk(1, a.ref, 0, k.ref);
                REF.addDiagonal(k.ref, n);
                REF.copy(k.ref, k.fast);
                assertEquals(0, REF.cholesky(k.ref));
                assertEquals(0, FAST.cholesky(k.fast));
                Twins b = Twins.random(rng, n, 1, dt, 1);
                FAST.choleskySolve(k.fast, b.fast);
                REF.choleskySolve(k.ref, b.ref);
                double[] r = REF.download(b.ref), f = REF.download(b.fast);
                double tol = dt == DType.F64 ? 1e-13 : 1e-5;
                for (int i = 0; i < n; i++) {
                    assertEquals(r[i], f[i], tol * (1 + Math.abs(r[i])), at("choleskySolve", dt, n, i));
                }
                // A NaN right-hand side fails as LAPACKE's potrs does, and leaves b as it was.
                double[] bad = new double[n];
                bad[n / 2] = Double.NaN;
                FAST.upload(bad, b.fast);
                REF.upload(bad, b.ref);
                IllegalStateException ef = assertThrows(IllegalStateException.class, () -> FAST.choleskySolve(k.fast, b.fast));
                IllegalStateException er = assertThrows(IllegalStateException.class, () -> REF.choleskySolve(k.ref, b.ref));
                assertEquals(er.getMessage(), ef.getMessage());
                assertArrayEquals(bad, REF.download(b.fast), 0.0);
            }
        }
    }

    @Test
    void theSystemPropertyForcesTheScalarKernels() {
        String before = System.getProperty(CpuBackend.SCALAR_PROPERTY);
        try {
            System.setProperty(CpuBackend.SCALAR_PROPERTY, "true");
            assertTrue(new CpuBackend().description().contains("scalar"));
            System.clearProperty(CpuBackend.SCALAR_PROPERTY);
            assertTrue(new CpuBackend().description().contains("Java kernels on"));
        } finally {
            if (before != null) {
                System.setProperty(CpuBackend.SCALAR_PROPERTY, before);
            }
        }
    }
}
