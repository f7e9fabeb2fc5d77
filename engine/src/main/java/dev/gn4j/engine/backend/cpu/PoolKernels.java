package dev.gn4j.engine.backend.cpu;

import dev.gn4j.engine.backend.ConvShape;

/**
 * Average pooling ({@code Backend.avgPool}, {@code avgPoolTangent}, {@code avgPoolBackward})
 * over windows without padding, channel by channel: each part of the parallel loop owns whole
 * channels, so every output column is written once by one part and results do not depend on
 * the threads. The sums are the ones of kernels/conv.cu's avg_pool and avg_pool_backward, in
 * the same order and the same arithmetic, which makes the two bit-identical:
 * <ul>
 *   <li>forward and tangent: a window's k² entries added in double in (ky, kx) order, from 0,
 *       the sum divided by k² in double; the tangent adds that mean to dz's entry in double;
 *       one rounding to the output's dtype on store;</li>
 *   <li>backward: an input element's sensitivities gathered in double over the windows that
 *       contain it, oy then ox ascending, from 0, the sum divided by k² once and rounded once.</li>
 * </ul>
 * The loops are the plain definition, so there is no separate scalar version.
 */
final class PoolKernels {
    // Scratch slots (Staging.Scratch, one set a thread): the caller's thread holds the whole
    // input in SHARED, which every part reads; each part works in its own thread's slots from PART on.
    private static final int SHARED = 0;
    private static final int PART = 1;

    private PoolKernels() {
    }

    /** out ← the windows' means of a (add 0), or out += them (add 1: a is the tangent da, out is dz). */
    static void avgPool(ConvShape w, CpuMat a, CpuMat out, int add) {
        int b = a.rows(), channels = w.channels(), positions = w.positions(), hw = w.height() * w.width();
        int k = w.kernel(), s = w.stride(), wd = w.width(), ow = w.outWidth();
        double kk = (double) k * k;
        int n = Math.toIntExact(a.size());
        double[] in = Staging.Scratch.get().slot(SHARED, n);
        Staging.load(a, 0, in, n);
        int parts = Math.min(channels, Parallel.parts((long) b * channels * positions * k * k));
        Parallel.run(parts, part -> {
            Staging.Scratch scratch = Staging.Scratch.get();
            double[] sum = scratch.slot(PART, b);
            double[] col = scratch.slot(PART + 1, b);
            for (int c = Parallel.bound(channels, parts, part); c < Parallel.bound(channels, parts, part + 1); c++) {
                for (int p = 0; p < positions; p++) {
                    int oy = p / ow, ox = p % ow, at = b * (c * positions + p);
                    java.util.Arrays.fill(sum, 0, b, 0);
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            int from = b * (c * hw + (oy * s + ky) * wd + ox * s + kx);
                            for (int i = 0; i < b; i++) {
                                sum[i] += in[from + i];
                            }
                        }
                    }
                    if (add != 0) {
                        Staging.load(out, at, col, b);
                        for (int i = 0; i < b; i++) {
                            col[i] = col[i] + sum[i] / kk;
                        }
                    } else {
                        for (int i = 0; i < b; i++) {
                            col[i] = sum[i] / kk;
                        }
                    }
                    Staging.store(col, b, out, at);
                }
            }
        });
    }

    /** below (m × C·H·W) ← each input element's share of the sensitivities g (m × C·P) of the windows that contain it. */
    static void avgPoolBackward(ConvShape w, CpuMat g, CpuMat below) {
        int m = g.rows(), channels = w.channels(), positions = w.positions(), h = w.height(), wd = w.width();
        int k = w.kernel(), s = w.stride(), oh = w.outHeight(), ow = w.outWidth();
        double kk = (double) k * k;
        int parts = Math.min(channels, Parallel.parts((long) m * w.inputFeatures() * k * k));
        Parallel.run(parts, part -> {
            Staging.Scratch scratch = Staging.Scratch.get();
            double[] gc = scratch.slot(PART, Math.toIntExact((long) m * positions));
            double[] col = scratch.slot(PART + 1, m);
            for (int c = Parallel.bound(channels, parts, part); c < Parallel.bound(channels, parts, part + 1); c++) {
                Staging.load(g, c * positions * m, gc, m * positions); // channel c's P columns of g
                for (int y = 0; y < h; y++) {
                    // The windows oy with oy·s ≤ y < oy·s + k (Java's / truncates as C's does; max clamps the rest).
                    int oyLo = Math.max(0, (y - k + s) / s), oyHi = Math.min(oh - 1, y / s);
                    for (int x = 0; x < wd; x++) {
                        int oxLo = Math.max(0, (x - k + s) / s), oxHi = Math.min(ow - 1, x / s);
                        java.util.Arrays.fill(col, 0, m, 0);
                        for (int oy = oyLo; oy <= oyHi; oy++) {
                            for (int ox = oxLo; ox <= oxHi; ox++) {
                                if (y - oy * s >= k || x - ox * s >= k) {
                                    continue;
                                }
                                int from = m * (oy * ow + ox);
                                for (int r = 0; r < m; r++) {
                                    col[r] += gc[from + r];
                                }
                            }
                        }
                        for (int r = 0; r < m; r++) {
                            col[r] = col[r] / kk;
                        }
                        Staging.store(col, m, below, m * ((c * h + y) * wd + x));
                    }
                }
            }
        });
    }
}
