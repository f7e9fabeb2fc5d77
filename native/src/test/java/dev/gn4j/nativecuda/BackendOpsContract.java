package dev.gn4j.nativecuda;

import static dev.gn4j.nativecuda.GpuTestSupport.SUM_TOL;
import static dev.gn4j.nativecuda.GpuTestSupport.assertClose;
import static dev.gn4j.nativecuda.GpuTestSupport.assertScalar;
import static dev.gn4j.nativecuda.GpuTestSupport.solveTol;
import static dev.gn4j.nativecuda.GpuTestSupport.tol;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.backend.Activation;
import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.ConvShape;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.backend.cpu.CpuBackend;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every Backend operation of a device backend against its CPU twin (CpuBackend), on fresh
 * random inputs each run (the seed is in every failure message), at several sizes including
 * ones that are not multiples of the 256-thread blocks and sizes that need many blocks, on
 * views with random offsets inside larger allocations (whose untouched elements must stay
 * equal too), in float32 and float64. Tolerances: {@link GpuTestSupport}.
 */
abstract class BackendOpsContract extends DeviceContract {
    private final long seed = System.nanoTime();
    private final SplittableRandom rng = new SplittableRandom(seed);

    private static final int[] LENGTHS = {1, 7, 255, 256, 257, 4099, 300_001};
    private static final int[][] SHAPES = {{1, 1}, {7, 3}, {33, 17}, {257, 5}, {130, 67}};

    BackendOpsContract(DeviceUnderTest device) {
        super(device);
    }

    // ---- twins: the same data on both backends, as a view inside a larger allocation ----

    /** A matrix on each backend with identical contents, seen through a view at a random offset. */
    private record Twin(Mat cpuParent, Mat gpuParent, Mat c, Mat g) {
    }

    private Twin twin(DType t, int rows, int cols, double[] values) {
        int n = rows * cols;
        int offset = rng.nextInt(0, 6);
        int total = offset + n + 3;
        Mat pc = cpu.zeros(total, 1, t);
        Mat pg = gpu.zeros(total, 1, t);
        double[] junk = gaussian(total);
        cpu.upload(junk, pc);
        gpu.upload(junk, pg);
        Mat vc = pc.view(offset, rows, cols);
        Mat vg = pg.view(offset, rows, cols);
        cpu.upload(values, vc);
        gpu.upload(values, vg);
        return new Twin(pc, pg, vc, vg);
    }

    private Twin gaussianTwin(DType t, int rows, int cols) {
        return twin(t, rows, cols, gaussian(rows * cols));
    }

    private double[] gaussian(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    private double[] uniform(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble();
        }
        return x;
    }

    private double[] labels(int b, int c) {
        double[] y = new double[b];
        for (int i = 0; i < b; i++) {
            y[i] = rng.nextInt(c);
        }
        return y;
    }

    /** Row-wise softmax probabilities of a b×c column-major matrix. */
    private double[] probabilities(int b, int c) {
        double[] f = gaussian(b * c);
        double[] p = new double[b * c];
        for (int i = 0; i < b; i++) {
            double s = 0;
            for (int k = 0; k < c; k++) {
                p[i + k * b] = Math.exp(2 * f[i + k * b]);
                s += p[i + k * b];
            }
            for (int k = 0; k < c; k++) {
                p[i + k * b] /= s;
            }
        }
        return p;
    }

    private void check(Twin t, double tol, String what) {
        assertClose(gpu.download(t.gpuParent()), cpu.download(t.cpuParent()), tol, what + " [seed " + seed + "]");
    }

    private void exact(Twin t, String what) {
        assertArrayEquals(cpu.download(t.cpuParent()), gpu.download(t.gpuParent()), what + " [seed " + seed + "]");
    }

    private String at(String what, Object... dims) {
        return what + java.util.Arrays.toString(dims) + " [seed " + seed + "]";
    }

    // ---- memory and transfers ----

    @ParameterizedTest
    @EnumSource(DType.class)
    void uploadDownloadAndViewsRoundTrip(DType t) {
        for (int[] s : SHAPES) {
            Twin x = gaussianTwin(t, s[0], s[1]);
            exact(x, at("upload", s[0], s[1]));
            assertArrayEquals(cpu.download(x.c()), gpu.download(x.g()), at("download of a view", s[0], s[1]));
            assertEquals(t, x.g().dtype());
        }
        Mat z = gpu.zeros(300, 7, t);
        assertArrayEquals(new double[300 * 7], gpu.download(z), "zeros are zero");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void copyWithAndWithoutConversion(DType t) {
        for (int n : LENGTHS) {
            for (DType to : DType.values()) {
                Twin src = gaussianTwin(t, n, 1);
                Twin dst = gaussianTwin(to, n, 1);
                cpu.copy(src.c(), dst.c());
                gpu.copy(src.g(), dst.g());
                exact(dst, at("copy " + t + "→" + to, n));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void fill(DType t) {
        for (int n : LENGTHS) {
            for (double v : new double[] {0, 2.5, -1e-3}) {
                Twin x = gaussianTwin(t, n, 1);
                cpu.fill(x.c(), v);
                gpu.fill(x.g(), v);
                exact(x, at("fill " + v, n));
            }
        }
    }

    // ---- BLAS ----

    @ParameterizedTest
    @EnumSource(DType.class)
    void gemmInEveryTransposition(DType t) {
        int[][] mnk = {{1, 1, 1}, {7, 5, 3}, {33, 17, 65}, {130, 67, 29}, {5, 4, 0}};
        for (int[] s : mnk) {
            int m = s[0], n = s[1], k = s[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (double beta : new double[] {0, 1.3}) {
                        Twin a = ta ? gaussianTwin(t, k, m) : gaussianTwin(t, m, k);
                        Twin b = tb ? gaussianTwin(t, n, k) : gaussianTwin(t, k, n);
                        Twin c = gaussianTwin(t, m, n);
                        cpu.gemm(ta, tb, 0.7, a.c(), b.c(), beta, c.c());
                        gpu.gemm(ta, tb, 0.7, a.g(), b.g(), beta, c.g());
                        check(c, tol(t), at("gemm ta=" + ta + " tb=" + tb + " β=" + beta, m, n, k));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void syrkWritesTheLowerTriangleOnly(DType t) {
        int[][] nk = {{1, 1}, {7, 3}, {40, 17}, {130, 29}};
        for (int[] s : nk) {
            for (double beta : new double[] {0, 0.5}) {
                Twin a = gaussianTwin(t, s[0], s[1]);
                Twin c = gaussianTwin(t, s[0], s[0]);
                cpu.syrk(1.5, a.c(), beta, c.c());
                gpu.syrk(1.5, a.g(), beta, c.g());
                check(c, tol(t), at("syrk β=" + beta, s[0], s[1]));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void symvReadsTheLowerTriangle(DType t) {
        for (int n : new int[] {1, 7, 130}) {
            Twin a = gaussianTwin(t, n, n); // upper triangle: unrelated values neither side may read
            Twin x = gaussianTwin(t, n, 1);
            Twin y = gaussianTwin(t, n, 1);
            cpu.symv(0.5, a.c(), x.c(), -2, y.c());
            gpu.symv(0.5, a.g(), x.g(), -2, y.g());
            check(y, tol(t), at("symv", n));
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void symmetrize(DType t) {
        for (int n : new int[] {1, 2, 17, 130}) {
            Twin c = gaussianTwin(t, n, n);
            cpu.symmetrize(c.c());
            gpu.symmetrize(c.g());
            exact(c, at("symmetrize", n));
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void axpyScalDotAndSumSquares(DType t) {
        for (int n : LENGTHS) {
            Twin x = gaussianTwin(t, n, 1);
            Twin y = gaussianTwin(t, n, 1);
            cpu.axpy(-0.3, x.c(), y.c());
            gpu.axpy(-0.3, x.g(), y.g());
            check(y, tol(t), at("axpy", n));
            cpu.scal(-1.7, x.c());
            gpu.scal(-1.7, x.g());
            check(x, tol(t), at("scal", n));

            double scale = dotScale(cpu.download(x.c()), cpu.download(y.c()));
            assertScalar(gpu.dot(x.g(), y.g()), cpu.dot(x.c(), y.c()), scale, SUM_TOL, at("dot", n));
            // The reference is the CPU's double sum x·x: its float32 sumSquares goes through OpenBLAS's
            // dsdot, whose partial sums are float-accurate only (up to 3e-8 relative at n = 255).
            double ss = cpu.dot(x.c(), x.c());
            double ssTol = gpu instanceof CudaBackend || t == DType.F64 ? SUM_TOL : 1e-7; // a dry run's stand-in uses dsdot too
            assertScalar(gpu.sumSquares(x.g()), ss, ss, ssTol, at("sumSquares", n));

            DType other = t == DType.F32 ? DType.F64 : DType.F32;
            Twin z = gaussianTwin(other, n, 1);
            double mixedScale = dotScale(cpu.download(x.c()), cpu.download(z.c()));
            assertScalar(gpu.dot(x.g(), z.g()), cpu.dot(x.c(), z.c()), mixedScale, SUM_TOL, at("dot " + t + "·" + other, n));
            assertScalar(gpu.dot(z.g(), x.g()), cpu.dot(z.c(), x.c()), mixedScale, SUM_TOL, at("dot " + other + "·" + t, n));
        }
        // scal by 0 clears NaN, as on the CPU (a fresh start must not inherit NaN).
        Twin nan = twin(t, 3, 1, new double[] {Double.NaN, 1, Double.POSITIVE_INFINITY});
        cpu.scal(0, nan.c());
        gpu.scal(0, nan.g());
        exact(nan, "scal by 0 over NaN and Inf");
    }

    private static double dotScale(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.abs(x[i] * y[i]);
        }
        return s;
    }

    // ---- elementwise and structured kernels ----

    @ParameterizedTest
    @EnumSource(DType.class)
    void activationsForward(DType t) {
        for (Activation f : Activation.values()) {
            for (int n : new int[] {1, 257, 4099}) {
                Twin z = twin(t, n, 1, scaled(gaussian(n), 3));
                Twin a = gaussianTwin(t, n, 1);
                cpu.activation(f, z.c(), a.c());
                gpu.activation(f, z.g(), a.g());
                check(a, tol(t), at("activation " + f, n));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void activationsBackwardPerSampleRowsAndInPlace(DType t) {
        int[][] shapes = {{1, 1}, {7, 5}, {33, 40}, {130, 3}};
        for (Activation f : Activation.values()) {
            for (int[] s : shapes) {
                for (int rps : new int[] {1, 3}) {
                    int b = s[0], d = s[1];
                    double[] zv = scaled(gaussian(b * d), 3);
                    double[] av = new double[zv.length];
                    for (int i = 0; i < zv.length; i++) {
                        av[i] = f.apply(zv[i]);
                    }
                    Twin z = twin(t, b, d, zv);
                    Twin a = twin(t, b, d, av);
                    Twin g = gaussianTwin(t, b * rps, d);
                    Twin out = gaussianTwin(t, b * rps, d);
                    cpu.activationGrad(f, z.c(), a.c(), g.c(), rps, out.c());
                    gpu.activationGrad(f, z.g(), a.g(), g.g(), rps, out.g());
                    check(out, tol(t), at("activationGrad " + f + " rps=" + rps, b, d));
                    cpu.activationGrad(f, z.c(), a.c(), g.c(), rps, g.c());
                    gpu.activationGrad(f, z.g(), a.g(), g.g(), rps, g.g());
                    check(g, tol(t), at("activationGrad in place " + f + " rps=" + rps, b, d));
                }
            }
        }
    }

    private static double[] scaled(double[] x, double s) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= s;
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void addBiasAndColumnSums(DType t) {
        for (int[] s : SHAPES) {
            Twin m = gaussianTwin(t, s[0], s[1]);
            Twin bias = gaussianTwin(t, s[1], 1);
            cpu.addBias(m.c(), bias.c());
            gpu.addBias(m.g(), bias.g());
            check(m, tol(t), at("addBias", s[0], s[1]));
            for (double beta : new double[] {0, 2}) {
                Twin out = gaussianTwin(t, s[1], 1);
                cpu.columnSums(0.5, m.c(), beta, out.c());
                gpu.columnSums(0.5, m.g(), beta, out.g());
                check(out, tol(t), at("columnSums β=" + beta, s[0], s[1]));
            }
        }
        Twin tall = gaussianTwin(t, 100_003, 2);
        Twin out = gaussianTwin(t, 2, 1);
        cpu.columnSums(1, tall.c(), 0, out.c());
        gpu.columnSums(1, tall.g(), 0, out.g());
        check(out, Math.max(tol(t), 1e-6), "columnSums of 100003 rows [seed " + seed + "]");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void mseResidual(DType t) {
        for (int n : LENGTHS) {
            Twin f = gaussianTwin(t, n, 1);
            Twin y = gaussianTwin(t, n, 1);
            Twin g = gaussianTwin(t, n, 1);
            double lc = cpu.mseResidual(f.c(), y.c(), g.c());
            double lg = gpu.mseResidual(f.g(), y.g(), g.g());
            check(g, tol(t), at("mse residual", n));
            assertScalar(lg, lc, lc, SUM_TOL, at("mse loss", n));
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void softmaxCrossEntropyAndAccuracy(DType t) {
        int[][] bc = {{1, 2}, {7, 3}, {300, 10}, {1000, 2}, {2000, 37}};
        for (int[] s : bc) {
            int b = s[0], c = s[1];
            Twin f = twin(t, b, c, scaled(gaussian(b * c), 4));
            Twin y = twin(t, b, 1, labels(b, c));
            Twin p = gaussianTwin(t, b, c);
            Twin g = gaussianTwin(t, b, c);
            double lc = cpu.softmaxCrossEntropy(f.c(), y.c(), p.c(), g.c());
            double lg = gpu.softmaxCrossEntropy(f.g(), y.g(), p.g(), g.g());
            check(p, tol(t), at("softmax p", b, c));
            check(g, tol(t), at("softmax residual", b, c));
            assertScalar(lg, lc, lc, SUM_TOL, at("cross-entropy", b, c));
            assertEquals(cpu.countCorrect(f.c(), y.c()), gpu.countCorrect(f.g(), y.g()), at("countCorrect", b, c));
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void qFactorIdentityRowsAndSampledLabels(DType t) {
        int[][] bc = {{1, 2}, {7, 3}, {65, 10}, {300, 4}};
        for (int[] s : bc) {
            int b = s[0], c = s[1];
            Twin p = twin(t, b, c, probabilities(b, c));
            Twin q = gaussianTwin(t, b * (c - 1), c);
            cpu.softmaxQFactor(p.c(), q.c());
            gpu.softmaxQFactor(p.g(), q.g());
            check(q, tol(t), at("softmaxQFactor", b, c));

            Twin id = gaussianTwin(t, b * c, c);
            cpu.identityRows(id.c());
            gpu.identityRows(id.g());
            exact(id, at("identityRows", b, c));

            Twin u = twin(t, b, 1, uniform(b));
            Twin labels = gaussianTwin(t, b, 1);
            cpu.sampleCategorical(p.c(), u.c(), labels.c());
            gpu.sampleCategorical(p.g(), u.g(), labels.g());
            exact(labels, at("sampleCategorical", b, c));
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void gramAccumulateIntoEitherGramDtype(DType t) {
        int[][] brps = {{1, 1}, {5, 3}, {40, 3}, {100, 7}};
        for (int[] s : brps) {
            int b = s[0], rps = s[1], m = b * rps;
            for (DType gram : DType.values()) {
                Twin s2 = gaussianTwin(t, m, m);
                Twin aa = gaussianTwin(t, b, b);
                Twin k = gaussianTwin(gram, m, m);
                cpu.gramAccumulate(s2.c(), aa.c(), rps, k.c());
                gpu.gramAccumulate(s2.g(), aa.g(), rps, k.g());
                // Formed in double on both sides and rounded once into the Gram's dtype.
                check(k, tol(gram), at("gramAccumulate " + t + "→" + gram, b, rps));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void contractRowsRowDotAndOuterRows(DType t) {
        int[][] shapes = {{1, 1, 1}, {7, 3, 3}, {40, 10, 1}, {33, 4, 4}};
        for (int[] s : shapes) {
            int b = s[0], c = s[1], rps = s[2], m = b * rps;
            Twin seed = gaussianTwin(t, m, c);
            Twin v = gaussianTwin(t, m, 1);
            Twin out = gaussianTwin(t, b, c);
            cpu.contractRows(seed.c(), v.c(), rps, out.c());
            gpu.contractRows(seed.g(), v.g(), rps, out.g());
            check(out, tol(t), at("contractRows", b, c, rps));

            Twin x = gaussianTwin(t, b, c);
            Twin r = gaussianTwin(t, m, 1);
            cpu.rowDot(seed.c(), x.c(), rps, r.c());
            gpu.rowDot(seed.g(), x.g(), rps, r.g());
            check(r, tol(t), at("rowDot", b, c, rps));

            int d = c + 2, e = 5;
            Twin g = gaussianTwin(t, m, d);
            Twin a = gaussianTwin(t, b, e);
            Twin j = gaussianTwin(t, m, d * e + d);
            cpu.outerRows(g.c(), a.c(), rps, j.c());
            gpu.outerRows(g.g(), a.g(), rps, j.g());
            check(j, tol(t), at("outerRows", m, d, e, rps));
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void im2colAndCol2im(DType t) {
        ConvShape[] shapes = {new ConvShape(1, 5, 5, 3, 1, 0), new ConvShape(3, 7, 6, 3, 2, 1), new ConvShape(2, 4, 4, 1, 1, 0),
                new ConvShape(2, 8, 8, 5, 2, 2), new ConvShape(2, 3, 5, 2, 3, 1)};
        for (ConvShape s : shapes) {
            for (int b : new int[] {1, 6}) {
                int rows = s.positions() * b;
                Twin a = gaussianTwin(t, b, s.inputFeatures());
                Twin patches = gaussianTwin(t, rows, s.patchSize());
                cpu.im2col(s, patches.c(), a.c());
                gpu.im2col(s, patches.g(), a.g());
                exact(patches, at("im2col " + s, b));

                Twin p = gaussianTwin(t, rows, s.patchSize());
                Twin back = gaussianTwin(t, b, s.inputFeatures());
                cpu.col2im(s, p.c(), back.c());
                gpu.col2im(s, p.g(), back.g());
                exact(back, at("col2im " + s, b));

                for (int rps : new int[] {1, 3}) {
                    int cout = 4, m = b * rps;
                    Twin g = gaussianTwin(t, m, cout * s.positions());
                    Twin rowsOut = gaussianTwin(t, m, (s.patchSize() + 1) * cout);
                    cpu.convRows(g.c(), patches.c(), rps, rowsOut.c());
                    gpu.convRows(g.g(), patches.g(), rps, rowsOut.g());
                    check(rowsOut, tol(t), at("convRows " + s, b, rps));
                    // Channels 1 and 2 alone, g as a view at an offset: how Conv2d forms its blocks.
                    long from = (long) m * s.positions();
                    Twin some = gaussianTwin(t, m, (s.patchSize() + 1) * 2);
                    cpu.convRows(g.c().view(from, m, 2 * s.positions()), patches.c(), rps, some.c());
                    gpu.convRows(g.g().view(from, m, 2 * s.positions()), patches.g(), rps, some.g());
                    check(some, tol(t), at("convRows of two channels " + s, b, rps));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void maxPoolItsTangentAndItsBackwardPass(DType t) {
        ConvShape[] windows = {new ConvShape(3, 6, 6, 2, 2, 0), new ConvShape(2, 7, 5, 2, 2, 0), new ConvShape(2, 7, 7, 3, 2, 0),
                new ConvShape(1, 5, 5, 3, 1, 0)};
        for (ConvShape w : windows) {
            for (int rps : new int[] {1, 3}) {
                int b = 5, m = b * rps, out = w.channels() * w.positions();
                Twin a = gaussianTwin(t, b, w.inputFeatures());
                Twin z = gaussianTwin(t, b, out);
                cpu.maxPool(w, a.c(), z.c());
                gpu.maxPool(w, a.g(), z.g());
                exact(z, at("maxPool " + w, b));
                Twin da = gaussianTwin(t, b, w.inputFeatures());
                Twin dz = gaussianTwin(t, b, out);
                cpu.maxPoolTangent(w, a.c(), da.c(), dz.c());
                gpu.maxPoolTangent(w, a.g(), da.g(), dz.g());
                exact(dz, at("maxPoolTangent " + w, b));
                Twin g = gaussianTwin(t, m, out);
                Twin below = gaussianTwin(t, m, w.inputFeatures());
                cpu.maxPoolBackward(w, a.c(), g.c(), rps, below.c());
                gpu.maxPoolBackward(w, a.g(), g.g(), rps, below.g());
                exact(below, at("maxPoolBackward " + w, b, rps));
            }
        }
    }

    /** Bit-identical: the kernels sum in double in the twin's order (ky, kx forward; oy, ox back) and divide by k² once. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void avgPoolItsTangentAndItsBackwardPass(DType t) {
        ConvShape[] windows = {new ConvShape(3, 6, 6, 2, 2, 0), new ConvShape(2, 7, 5, 2, 2, 0), new ConvShape(2, 7, 7, 3, 2, 0),
                new ConvShape(1, 5, 5, 3, 1, 0), new ConvShape(2, 8, 7, 2, 3, 0), new ConvShape(4, 17, 17, 3, 3, 0)};
        for (ConvShape w : windows) {
            for (int rps : new int[] {1, 3}) {
                int b = 5, m = b * rps, out = w.channels() * w.positions();
                Twin a = gaussianTwin(t, b, w.inputFeatures());
                Twin z = gaussianTwin(t, b, out);
                cpu.avgPool(w, a.c(), z.c());
                gpu.avgPool(w, a.g(), z.g());
                exact(z, at("avgPool " + w, b));
                Twin dz = gaussianTwin(t, b, out);
                cpu.avgPoolTangent(w, a.c(), dz.c());
                gpu.avgPoolTangent(w, a.g(), dz.g());
                exact(dz, at("avgPoolTangent " + w, b));
                Twin g = gaussianTwin(t, m, out);
                Twin below = gaussianTwin(t, m, w.inputFeatures());
                cpu.avgPoolBackward(w, g.c(), below.c());
                gpu.avgPoolBackward(w, g.g(), below.g());
                exact(below, at("avgPoolBackward " + w, b, rps));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void adamUpdate(DType t) {
        for (int n : new int[] {1, 257, 4099}) {
            for (long step : new long[] {1, 7}) {
                for (double wd : new double[] {0, 0.01}) {
                    Twin p = gaussianTwin(t, n, 1);
                    Twin g = gaussianTwin(t, n, 1);
                    Twin m = twin(t, n, 1, scaled(gaussian(n), 0.1));
                    Twin v = twin(t, n, 1, uniform(n));
                    cpu.adamUpdate(p.c(), g.c(), m.c(), v.c(), 1e-3, 0.9, 0.999, 1e-8, wd, step);
                    gpu.adamUpdate(p.g(), g.g(), m.g(), v.g(), 1e-3, 0.9, 0.999, 1e-8, wd, step);
                    check(p, tol(t), at("adam θ t=" + step + " wd=" + wd, n));
                    check(m, tol(t), at("adam m t=" + step + " wd=" + wd, n));
                    check(v, tol(t), at("adam v t=" + step + " wd=" + wd, n));
                }
            }
        }
    }

    // ---- dense linear algebra ----

    @ParameterizedTest
    @EnumSource(DType.class)
    void addDiagonalAndTrace(DType t) {
        int[][] shapes = {{1, 1}, {5, 3}, {3, 5}, {300, 300}};
        for (int[] s : shapes) {
            Twin a = gaussianTwin(t, s[0], s[1]);
            cpu.addDiagonal(a.c(), 0.25);
            gpu.addDiagonal(a.g(), 0.25);
            exact(a, at("addDiagonal", s[0], s[1]));
            double tr = cpu.trace(a.c());
            assertScalar(gpu.trace(a.g()), tr, Math.abs(tr) + s[0], SUM_TOL, at("trace", s[0], s[1]));
        }
    }

    /** B Bᵀ + n I: symmetric positive definite and well conditioned. */
    private double[] spd(int n) {
        double[] b = gaussian(n * n);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? n : 0;
                for (int k = 0; k < n; k++) {
                    s += b[i + k * n] * b[j + k * n];
                }
                a[i + j * n] = s;
            }
        }
        return a;
    }

    private static double[] lowerTriangle(double[] a, int n) {
        double[] l = new double[a.length];
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                l[i + j * n] = a[i + j * n];
            }
        }
        return l;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void choleskyFactorAndSolve(DType t) {
        for (int n : new int[] {1, 8, 65, 300}) {
            Twin a = twin(t, n, n, spd(n));
            assertEquals(0, cpu.cholesky(a.c()));
            assertEquals(0, gpu.cholesky(a.g()), at("cholesky info", n));
            // cuSOLVER and LAPACK agree on the factor (the lower triangle); the other triangle is not part of the result.
            assertClose(lowerTriangle(gpu.download(a.g()), n), lowerTriangle(cpu.download(a.c()), n), solveTol(t), at("cholesky factor", n));
            for (int nrhs : new int[] {1, 3}) {
                Twin b = gaussianTwin(t, n, nrhs);
                cpu.choleskySolve(a.c(), b.c());
                gpu.choleskySolve(a.g(), b.g());
                check(b, solveTol(t), at("choleskySolve nrhs=" + nrhs, n));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void choleskyOfAnIndefiniteMatrixReturnsInfoAndDoesNotThrow(DType t) {
        int n = 40;
        int bad = 17;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i + i * n] = i == bad ? -1 : 1 + i;
        }
        Twin m = twin(t, n, n, a);
        int infoCpu = cpu.cholesky(m.c());
        int infoGpu = gpu.cholesky(m.g());
        assertEquals(bad + 1, infoCpu);
        assertEquals(infoCpu, infoGpu, "devInfo of potrf on an indefinite matrix");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void luSolveAndSingularInfo(DType t) {
        for (int n : new int[] {1, 9, 120}) {
            double[] a = gaussian(n * n);
            for (int i = 0; i < n; i++) {
                a[i + i * n] += n; // keep it well conditioned
            }
            Twin m = twin(t, n, n, a);
            Twin b = gaussianTwin(t, n, 2);
            assertEquals(0, cpu.luSolve(m.c(), b.c()));
            assertEquals(0, gpu.luSolve(m.g(), b.g()), at("luSolve info", n));
            check(b, solveTol(t), at("luSolve", n));
        }
        int n = 12;
        double[] singular = gaussian(n * n);
        for (int i = 0; i < n; i++) {
            singular[i + 4 * n] = 0; // a zero column
        }
        Twin m = twin(t, n, n, singular);
        Twin b = gaussianTwin(t, n, 1);
        assertTrue(cpu.luSolve(m.c(), b.c()) > 0);
        assertTrue(gpu.luSolve(m.g(), b.g()) > 0, "getrf reports the exactly singular matrix");
    }

    // ---- the contract around the numbers ----

    @Test
    void onlyTheOwningThreadMayCallIn() throws InterruptedException {
        GpuTestSupport.requireCuda(gpu);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> CompletableFuture.runAsync(() -> gpu.zeros(2, 2, DType.F32)).get());
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().contains("one backend per thread"), e.getCause().getMessage());
    }

    @Test
    void matricesOfAnotherBackendAreRefused() {
        GpuTestSupport.requireCuda(gpu);
        Mat host = cpu.zeros(2, 2, DType.F32);
        assertThrows(IllegalArgumentException.class, () -> gpu.fill(host, 1));
    }

    @Test
    void mixedDtypesAreRefusedWhereTheKernelIsTyped() {
        GpuTestSupport.requireCuda(gpu);
        Mat a = gpu.zeros(3, 3, DType.F32);
        Mat b = gpu.zeros(3, 3, DType.F64);
        assertThrows(IllegalArgumentException.class, () -> gpu.gemm(false, false, 1, a, b, 0, a));
        assertThrows(IllegalArgumentException.class, () -> gpu.axpy(1, a, b));
    }
}
