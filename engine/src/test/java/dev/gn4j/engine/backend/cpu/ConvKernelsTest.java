package dev.gn4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.ConvShape;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.backend.ShapeMismatch;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** im2col and col2im against their definitions in plain loops, and the convolution they make with one GEMM. */
class ConvKernelsTest {
    private static final Backend BE = new CpuBackend();
    private static final Backend SCALAR = new CpuBackend(true);
    /** Valid and same padding, strides 1 to 3, 1×1 windows, one channel and several, odd sizes, a window as large as the image. */
    private static final List<ConvShape> SHAPES = List.of(
            new ConvShape(1, 5, 5, 3, 1, 0), new ConvShape(3, 7, 6, 3, 1, 1), new ConvShape(2, 9, 8, 3, 2, 0),
            new ConvShape(4, 6, 7, 1, 1, 0), new ConvShape(2, 8, 8, 5, 2, 2), new ConvShape(3, 4, 4, 4, 1, 0),
            new ConvShape(2, 3, 5, 2, 3, 1),
            new ConvShape(6, 28, 28, 3, 1, 1)); // large enough to be cut into parts on more than one thread

    /** The input feature patch entry (row, col) of {@code im2col} reads, or −1 for padding. */
    private static int source(ConvShape s, int b, int row, int col) {
        int p = row / b, i = row % b, k = s.kernel();
        int c = col / (k * k), ky = col / k % k, kx = col % k;
        int y = p / s.outWidth() * s.stride() + ky - s.padding(), x = p % s.outWidth() * s.stride() + kx - s.padding();
        if (y < 0 || y >= s.height() || x < 0 || x >= s.width()) {
            return -1;
        }
        return i + b * ((c * s.height() + y) * s.width() + x);
    }

    private static Mat random(int rows, int cols, DType t, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = r.doubles((long) rows * cols, -1, 1).toArray();
        Mat m = BE.zeros(rows, cols, t);
        BE.upload(v, m);
        return m;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void im2colCopiesEachWindowAndZeroPadsAndCol2imSumsInTheKernelsOrder(DType t) {
        for (ConvShape s : SHAPES) {
            for (int b : new int[] {1, 3, 8}) {
                int rows = s.positions() * b, q = s.patchSize();
                Mat a = random(b, s.inputFeatures(), t, 11);
                Mat patches = random(rows, q, t, 12); // overwritten: random, not zero, so that no write is missed
                BE.im2col(s, patches, a);
                double[] in = BE.download(a), got = BE.download(patches);
                double[] want = new double[got.length];
                for (int col = 0; col < q; col++) {
                    for (int row = 0; row < rows; row++) {
                        int f = source(s, b, row, col);
                        want[row + rows * col] = f < 0 ? 0 : in[f];
                    }
                }
                assertArrayEquals(want, got, s + " b" + b + " " + t);

                Mat p = random(rows, q, t, 13);
                Mat back = random(b, s.inputFeatures(), t, 14);
                BE.col2im(s, p, back);
                double[] pv = BE.download(p);
                double[] sum = new double[in.length];
                for (int col = 0; col < q; col++) { // col runs (c, ky, kx): within a channel, ky then kx, as the kernel sums
                    for (int row = 0; row < rows; row++) {
                        int f = source(s, b, row, col);
                        if (f >= 0) {
                            sum[f] += pv[row + rows * col];
                        }
                    }
                }
                Mat expected = BE.zeros(b, s.inputFeatures(), t);
                BE.upload(sum, expected); // rounded once, as the kernel stores
                assertArrayEquals(BE.download(expected), BE.download(back), s + " b" + b + " " + t + " col2im");
            }
        }
    }

    @Test
    void col2imIsTheAdjointOfIm2col() {
        for (ConvShape s : SHAPES) {
            int b = 5, rows = s.positions() * b;
            Mat a = random(b, s.inputFeatures(), DType.F64, 21), p = random(rows, s.patchSize(), DType.F64, 22);
            Mat ia = BE.zeros(rows, s.patchSize(), DType.F64), cp = BE.zeros(b, s.inputFeatures(), DType.F64);
            BE.im2col(s, ia, a);
            BE.col2im(s, p, cp);
            double lhs = BE.dot(ia, p), rhs = BE.dot(a, cp);
            assertEquals(lhs, rhs, 1e-12 * Math.max(1, Math.abs(lhs)), s.toString());
        }
    }

    @Test
    void patchesTimesTheWeightsIsTheConvolutionInNchwOrder() {
        ConvShape s = new ConvShape(3, 7, 6, 3, 2, 1);
        int b = 4, cout = 5, rows = s.positions() * b, q = s.patchSize(), k = s.kernel();
        Mat a = random(b, s.inputFeatures(), DType.F64, 31);
        Mat w = random(q, cout, DType.F64, 32); // column co: PyTorch's weight[co] flattened (ci, ky, kx)
        Mat patches = BE.zeros(rows, q, DType.F64), z = BE.zeros(rows, cout, DType.F64);
        BE.im2col(s, patches, a);
        BE.gemm(false, false, 1, patches, w, 0, z);
        double[] zv = BE.download(z.view(0, b, cout * s.positions())), in = BE.download(a), wv = BE.download(w);
        for (int i = 0; i < b; i++) {
            for (int co = 0; co < cout; co++) {
                for (int oy = 0; oy < s.outHeight(); oy++) {
                    for (int ox = 0; ox < s.outWidth(); ox++) {
                        double want = 0;
                        for (int ci = 0; ci < s.channels(); ci++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int y = oy * s.stride() + ky - s.padding(), x = ox * s.stride() + kx - s.padding();
                                    if (y >= 0 && y < s.height() && x >= 0 && x < s.width()) {
                                        want += wv[(ci * k + ky) * k + kx + q * co] * in[i + b * ((ci * s.height() + y) * s.width() + x)];
                                    }
                                }
                            }
                        }
                        int feature = (co * s.outHeight() + oy) * s.outWidth() + ox;
                        assertEquals(want, zv[i + b * feature], 1e-12, "sample " + i + " channel " + co + " at " + oy + "," + ox);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void convRowsContractEachRowsSensitivitiesWithItsSamplesPatches(DType t) {
        for (ConvShape s : SHAPES.subList(0, 5)) {
            for (int rps : new int[] {1, 3}) {
                int b = 4, m = b * rps, cout = 3, positions = s.positions(), q = s.patchSize();
                Mat patches = BE.zeros(positions * b, q, t);
                BE.im2col(s, patches, random(b, s.inputFeatures(), t, 41));
                Mat g = random(m, cout * positions, t, 42);
                double[] gv = BE.download(g), pv = BE.download(patches);
                double[] want = new double[m * (q + 1) * cout], scale = new double[want.length];
                for (int r = 0; r < m; r++) {
                    for (int co = 0; co < cout; co++) {
                        double bias = 0, biasScale = 0;
                        for (int p = 0; p < positions; p++) {
                            double gr = gv[r + m * (co * positions + p)];
                            bias += gr;
                            biasScale += Math.abs(gr);
                            for (int j = 0; j < q; j++) {
                                double term = gr * pv[p * b + r / rps + positions * b * j];
                                want[r + m * (j + q * co)] += term;
                                scale[r + m * (j + q * co)] += Math.abs(term);
                            }
                        }
                        want[r + m * (q * cout + co)] = bias;
                        scale[r + m * (q * cout + co)] = biasScale;
                    }
                }
                // The scalar loop sums in double and rounds once: the reference's bits.
                Mat expected = BE.zeros(m, (q + 1) * cout, t);
                BE.upload(want, expected);
                Mat out = random(m, (q + 1) * cout, t, 43);
                SCALAR.convRows(g, patches, rps, out);
                assertArrayEquals(BE.download(expected), BE.download(out), s + " rps" + rps + " " + t + " scalar");
                // The GEMM form sums in the working dtype, in OpenBLAS's order.
                BE.convRows(g, patches, rps, out);
                double[] got = BE.download(out);
                double eps = t == DType.F32 ? 0x1p-23 : 0x1p-52;
                for (int e = 0; e < want.length; e++) {
                    assertEquals(want[e], got[e], 4 * positions * eps * scale[e] + Double.MIN_NORMAL, s + " rps" + rps + " " + t + " at " + e);
                }
            }
        }
    }

    /** The feature (y·W + x within channel c) of window p's first largest entry of sample i. */
    private static int firstMax(ConvShape w, double[] in, int b, int i, int c, int p) {
        int best = -1;
        for (int ky = 0; ky < w.kernel(); ky++) {
            for (int kx = 0; kx < w.kernel(); kx++) {
                int f = (p / w.outWidth() * w.stride() + ky) * w.width() + p % w.outWidth() * w.stride() + kx;
                if (best < 0 || in[i + b * (c * w.height() * w.width() + f)] > in[i + b * (c * w.height() * w.width() + best)]) {
                    best = f;
                }
            }
        }
        return best;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void maxPoolItsTangentAndItsBackwardPassFollowEachWindowsFirstMaximum(DType t) {
        ConvShape[] windows = {new ConvShape(3, 6, 6, 2, 2, 0), new ConvShape(2, 7, 5, 2, 2, 0), new ConvShape(2, 7, 7, 3, 2, 0),
                new ConvShape(1, 5, 5, 3, 1, 0), new ConvShape(8, 26, 26, 2, 2, 0)};
        for (ConvShape w : windows) {
            for (int rps : new int[] {1, 3}) {
                int b = 4, m = b * rps, hw = w.height() * w.width(), pc = w.positions();
                Mat a = random(b, w.inputFeatures(), t, 51);
                if (w.channels() == 1) {
                    BE.fill(a, 0.5); // all ties: the first entry of every window
                }
                double[] in = BE.download(a);
                Mat out = random(b, w.channels() * pc, t, 52);
                BE.maxPool(w, a, out);
                Mat da = random(b, w.inputFeatures(), t, 53);
                Mat dz = random(b, w.channels() * pc, t, 54);
                double[] dz0 = BE.download(dz), dav = BE.download(da);
                BE.maxPoolTangent(w, a, da, dz);
                Mat g = random(m, w.channels() * pc, t, 55);
                Mat below = random(m, w.inputFeatures(), t, 56);
                BE.maxPoolBackward(w, a, g, rps, below);
                double[] gv = BE.download(g);
                double[] wantOut = new double[b * w.channels() * pc], wantDz = new double[wantOut.length], wantBelow = new double[m * w.inputFeatures()];
                for (int c = 0; c < w.channels(); c++) {
                    for (int p = 0; p < pc; p++) {
                        for (int i = 0; i < b; i++) {
                            int f = firstMax(w, in, b, i, c, p), at = i + b * (c * pc + p);
                            wantOut[at] = in[i + b * (c * hw + f)];
                            wantDz[at] = dz0[at] + dav[i + b * (c * hw + f)];
                        }
                        for (int r = 0; r < m; r++) {
                            wantBelow[r + m * (c * hw + firstMax(w, in, b, r / rps, c, p))] += gv[r + m * (c * pc + p)];
                        }
                    }
                }
                assertArrayEquals(rounded(wantOut, t), BE.download(out), w + " forward " + t);
                assertArrayEquals(rounded(wantDz, t), BE.download(dz), w + " tangent " + t);
                assertArrayEquals(rounded(wantBelow, t), BE.download(below), w + " backward rps" + rps + " " + t);
            }
        }
    }

    private static double[] rounded(double[] v, DType t) {
        Mat m = BE.zeros(v.length, 1, t);
        BE.upload(v, m);
        return BE.download(m);
    }

    @Test
    void shapesThatDoNotFitAreRefused() {
        ConvShape s = new ConvShape(2, 5, 5, 3, 1, 0);
        Mat a = BE.zeros(3, s.inputFeatures(), DType.F64);
        assertThrows(ShapeMismatch.class, () -> BE.im2col(s, BE.zeros(s.positions() * 3, s.patchSize() + 1, DType.F64), a));
        assertThrows(ShapeMismatch.class, () -> BE.im2col(s, BE.zeros(s.positions() * 3, s.patchSize(), DType.F32), a));
        assertThrows(ShapeMismatch.class, () -> BE.col2im(s, BE.zeros(s.positions() * 2, s.patchSize(), DType.F64), a));
        assertThrows(IllegalArgumentException.class, () -> new ConvShape(1, 2, 2, 3, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ConvShape(1, 5, 5, 3, 0, 0));
    }
}
