package dev.gn4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.ConvShape;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.backend.ShapeMismatch;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Average pooling, its tangent and its backward pass against their definitions in plain loops. */
class PoolKernelsTest {
    private static final Backend BE = new CpuBackend();
    /**
     * Stride = kernel (the usual), overlapping windows (stride < kernel), windows with gaps
     * between them (stride > kernel: inputs no window reads), a window that leaves a remainder,
     * a window as large as the image, 1×1, and one large enough to be cut into parts on more
     * than one thread.
     */
    private static final List<ConvShape> WINDOWS = List.of(
            new ConvShape(3, 6, 6, 2, 2, 0), new ConvShape(2, 7, 7, 3, 2, 0), new ConvShape(2, 7, 5, 2, 2, 0),
            new ConvShape(1, 5, 5, 3, 1, 0), new ConvShape(2, 8, 7, 2, 3, 0), new ConvShape(2, 4, 4, 4, 1, 0),
            new ConvShape(3, 3, 4, 1, 1, 0), new ConvShape(8, 26, 26, 2, 2, 0));

    private static Mat random(int rows, int cols, DType t, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = r.doubles((long) rows * cols, -1, 1).toArray();
        Mat m = BE.zeros(rows, cols, t);
        BE.upload(v, m);
        return m;
    }

    private static double[] rounded(double[] v, DType t) {
        Mat m = BE.zeros(v.length, 1, t);
        BE.upload(v, m);
        return BE.download(m);
    }

    /** Input feature (within the sample) of entry (ky, kx) of window p of channel c. */
    private static int feature(ConvShape w, int c, int p, int ky, int kx) {
        int y = p / w.outWidth() * w.stride() + ky, x = p % w.outWidth() * w.stride() + kx;
        return (c * w.height() + y) * w.width() + x;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void avgPoolItsTangentAndItsBackwardPassAreTheWindowsMeansAndTheirAdjoint(DType t) {
        for (ConvShape w : WINDOWS) {
            for (int rps : new int[] {1, 3}) {
                int b = 4, m = b * rps, pc = w.positions(), out = w.channels() * pc, k = w.kernel();
                double kk = k * k;
                Mat a = random(b, w.inputFeatures(), t, 61);
                Mat z = random(b, out, t, 62); // overwritten: random, not zero, so that no write is missed
                BE.avgPool(w, a, z);
                Mat da = random(b, w.inputFeatures(), t, 63);
                Mat dz = random(b, out, t, 64);
                double[] in = BE.download(a), dav = BE.download(da), dz0 = BE.download(dz);
                BE.avgPoolTangent(w, da, dz);
                Mat g = random(m, out, t, 65); // rps rows a sample, each its own
                Mat below = random(m, w.inputFeatures(), t, 66);
                BE.avgPoolBackward(w, g, below);
                double[] gv = BE.download(g);

                double[] wantZ = new double[b * out], wantDz = new double[b * out], wantBelow = new double[m * w.inputFeatures()];
                for (int c = 0; c < w.channels(); c++) {
                    for (int p = 0; p < pc; p++) {
                        for (int i = 0; i < b; i++) {
                            double sum = 0, tangent = 0;
                            for (int ky = 0; ky < k; ky++) { // in double, (ky, kx) order, divided once
                                for (int kx = 0; kx < k; kx++) {
                                    sum += in[i + b * feature(w, c, p, ky, kx)];
                                    tangent += dav[i + b * feature(w, c, p, ky, kx)];
                                }
                            }
                            int at = i + b * (c * pc + p);
                            wantZ[at] = sum / kk;
                            wantDz[at] = dz0[at] + tangent / kk;
                        }
                        // Scattered window by window in p order: each element's windows (oy, then ox), as the kernels gather.
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                for (int r = 0; r < m; r++) {
                                    wantBelow[r + m * feature(w, c, p, ky, kx)] += gv[r + m * (c * pc + p)];
                                }
                            }
                        }
                    }
                }
                for (int e = 0; e < wantBelow.length; e++) {
                    wantBelow[e] /= kk;
                }
                String where = w + " rps" + rps + " " + t;
                assertArrayEquals(rounded(wantZ, t), BE.download(z), where + " forward");
                assertArrayEquals(rounded(wantDz, t), BE.download(dz), where + " tangent");
                assertArrayEquals(rounded(wantBelow, t), BE.download(below), where + " backward");
            }
        }
    }

    @Test
    void theBackwardPassIsTheAdjointOfTheForwardPassAndSkipsWhatNoWindowReads() {
        for (ConvShape w : WINDOWS) {
            int b = 5, out = w.channels() * w.positions();
            Mat a = random(b, w.inputFeatures(), DType.F64, 71), g = random(b, out, DType.F64, 72);
            Mat pa = BE.zeros(b, out, DType.F64), bg = random(b, w.inputFeatures(), DType.F64, 73);
            BE.avgPool(w, a, pa);
            BE.avgPoolBackward(w, g, bg);
            double lhs = BE.dot(pa, g), rhs = BE.dot(a, bg);
            assertEquals(lhs, rhs, 1e-12 * Math.max(1, Math.abs(lhs)), w.toString());
        }
        // k2 s3 over 8×7: rows 2 and 5 and columns 2, 5 and 6 lie outside every window; their sensitivities are 0.
        ConvShape gaps = new ConvShape(1, 8, 7, 2, 3, 0);
        Mat g = BE.zeros(2, gaps.positions(), DType.F64);
        BE.fill(g, 1);
        Mat below = random(2, gaps.inputFeatures(), DType.F64, 74);
        BE.avgPoolBackward(gaps, g, below);
        double[] bv = BE.download(below);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 7; x++) {
                boolean read = y % 3 < 2 && x % 3 < 2 && y / 3 < gaps.outHeight() && x / 3 < gaps.outWidth();
                for (int r = 0; r < 2; r++) {
                    assertEquals(read ? 0.25 : 0, bv[r + 2 * (y * 7 + x)], "row " + r + " at " + y + "," + x);
                }
            }
        }
        // The mean of a constant window is the constant.
        ConvShape s = new ConvShape(2, 6, 6, 3, 3, 0);
        Mat a = BE.zeros(3, s.inputFeatures(), DType.F32), z = BE.zeros(3, 2 * s.positions(), DType.F32);
        BE.fill(a, 0.7);
        BE.avgPool(s, a, z);
        for (double v : BE.download(z)) {
            assertEquals((float) 0.7, v, 1e-7);
        }
    }

    @Test
    void shapesThatDoNotFitAreRefused() {
        ConvShape w = new ConvShape(2, 6, 6, 2, 2, 0);
        int out = 2 * w.positions();
        Mat a = BE.zeros(3, w.inputFeatures(), DType.F64);
        assertThrows(ShapeMismatch.class, () -> BE.avgPool(w, a, BE.zeros(3, out + 1, DType.F64)));
        assertThrows(ShapeMismatch.class, () -> BE.avgPool(w, a, BE.zeros(2, out, DType.F64)));
        assertThrows(ShapeMismatch.class, () -> BE.avgPool(w, a, BE.zeros(3, out, DType.F32)));
        assertThrows(ShapeMismatch.class, () -> BE.avgPool(new ConvShape(2, 6, 6, 2, 2, 1), a, BE.zeros(3, 2 * 16, DType.F64)));
        assertThrows(ShapeMismatch.class, () -> BE.avgPoolTangent(w, a, BE.zeros(4, out, DType.F64)));
        Mat g = BE.zeros(6, out, DType.F64);
        assertThrows(ShapeMismatch.class, () -> BE.avgPoolBackward(w, g, BE.zeros(5, w.inputFeatures(), DType.F64)));
        assertThrows(ShapeMismatch.class, () -> BE.avgPoolBackward(w, g, BE.zeros(6, w.inputFeatures() - 1, DType.F64)));
        assertThrows(ShapeMismatch.class, () -> BE.avgPoolBackward(w, g, BE.zeros(6, w.inputFeatures(), DType.F32)));
        ShapeMismatch e = assertThrows(ShapeMismatch.class,
                () -> BE.avgPoolBackward(w, BE.zeros(6, out - 2, DType.F64), BE.zeros(6, w.inputFeatures(), DType.F64)));
        assertTrue(e.getMessage().startsWith("avgPoolBackward"), e.getMessage());
        Mat both = BE.zeros(6, out + w.inputFeatures(), DType.F64); // below overlapping g
        assertThrows(ShapeMismatch.class, () -> BE.avgPoolBackward(w, both.view(0, 6, out), both.view(6L * (out - 1), 6, w.inputFeatures())));
    }
}
