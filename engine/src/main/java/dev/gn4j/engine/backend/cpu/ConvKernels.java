package dev.gn4j.engine.backend.cpu;

import dev.gn4j.engine.backend.ConvShape;

/**
 * The unfolding of a convolution ({@code Backend.im2col}) and its adjoint ({@code col2im}), the
 * convolution's rows of U and max-pooling, column by column of their outputs: each output column is one contiguous run, written once,
 * and each belongs to one part of the parallel loop, so results do not depend on the threads.
 * The sums of col2im run in double in the order of kernels/conv.cu (ky, then kx), which makes
 * the two bit-identical; there is no separate scalar version (the loops are already the plain
 * definition).
 */
final class ConvKernels {
    // Scratch slots (Staging.Scratch, one set a thread): the caller's thread holds the whole
    // input in SHARED (and a tangent in TANGENT), which every part reads; each part, on
    // whichever thread runs it, works in its own thread's slots from PART on.
    private static final int SHARED = 0;
    private static final int TANGENT = 1;
    private static final int PART = 2;

    private ConvKernels() {
    }

    /** The whole of m as doubles, in the calling thread's scratch slot. */
    private static double[] loadAll(CpuMat m, int slot) {
        int n = Math.toIntExact(m.size());
        double[] all = Staging.Scratch.get().slot(slot, n);
        Staging.load(m, 0, all, n);
        return all;
    }

    static void im2col(ConvShape sh, CpuMat patches, CpuMat a) {
        int b = a.rows(), k = sh.kernel(), h = sh.height(), w = sh.width(), s = sh.stride(), pad = sh.padding();
        int oh = sh.outHeight(), ow = sh.outWidth(), rows = sh.positions() * b, q = sh.patchSize();
        double[] in = loadAll(a, SHARED);
        int parts = Math.min(q, Parallel.parts((long) rows * q));
        Parallel.run(parts, part -> {
            double[] col = Staging.Scratch.get().slot(PART, rows);
            for (int j = Parallel.bound(q, parts, part); j < Parallel.bound(q, parts, part + 1); j++) {
                int c = j / (k * k), ky = j / k % k, kx = j % k;
                for (int oy = 0; oy < oh; oy++) {
                    int y = oy * s + ky - pad;
                    for (int ox = 0; ox < ow; ox++) {
                        int x = ox * s + kx - pad;
                        int at = (oy * ow + ox) * b;
                        if (y < 0 || y >= h || x < 0 || x >= w) {
                            java.util.Arrays.fill(col, at, at + b, 0);
                        } else {
                            System.arraycopy(in, b * ((c * h + y) * w + x), col, at, b);
                        }
                    }
                }
                Staging.store(col, rows, patches, j * rows);
            }
        });
    }

    static void convRows(CpuMat g, CpuMat patches, int rps, CpuMat out) {
        int m = g.rows(), q = patches.cols(), cout = out.cols() / (q + 1), positions = g.cols() / cout, b = m / rps;
        int pb = positions * b;
        // One part per output channel: its P columns of g are loaded once for its Q + 1 output columns.
        int parts = Math.min(cout, Parallel.parts((long) m * positions * (q + 1) * cout));
        Parallel.run(parts, part -> {
            Staging.Scratch scratch = Staging.Scratch.get();
            double[] gc = scratch.slot(PART, Math.toIntExact((long) m * positions));
            double[] pc = scratch.slot(PART + 1, pb);
            double[] acc = scratch.slot(PART + 2, m);
            for (int co = Parallel.bound(cout, parts, part); co < Parallel.bound(cout, parts, part + 1); co++) {
                Staging.load(g, co * positions * m, gc, m * positions);
                for (int j = 0; j <= q; j++) { // j = q: the bias column
                    if (j < q) {
                        Staging.load(patches, j * pb, pc, pb);
                    }
                    java.util.Arrays.fill(acc, 0, m, 0);
                    for (int p = 0; p < positions; p++) {
                        int gAt = p * m, pAt = p * b;
                        for (int r = 0; r < m; r++) {
                            acc[r] += j < q ? gc[gAt + r] * pc[pAt + r / rps] : gc[gAt + r];
                        }
                    }
                    Staging.store(acc, m, out, (j < q ? j + q * co : q * cout + co) * m);
                }
            }
        });
    }

    /**
     * best[i] ← the feature (y·W + x within channel c) of window p's first largest entry, for
     * every sample i at once: the window's entries in (ky, kx) order, each a contiguous run of b
     * samples, and a later entry wins only when strictly larger (so ties and NaNs keep the first).
     * max is scratch of b doubles.
     */
    private static void argmax(ConvShape w, double[] in, int b, int c, int p, int[] best, double[] max) {
        int k = w.kernel(), s = w.stride(), wd = w.width(), hw = w.height() * wd;
        int oy = p / w.outWidth(), ox = p % w.outWidth();
        int first = (oy * s) * wd + ox * s;
        System.arraycopy(in, b * (c * hw + first), max, 0, b);
        java.util.Arrays.fill(best, 0, b, first);
        for (int ky = 0; ky < k; ky++) {
            for (int kx = ky == 0 ? 1 : 0; kx < k; kx++) {
                int f = (oy * s + ky) * wd + ox * s + kx, at = b * (c * hw + f);
                for (int i = 0; i < b; i++) {
                    double v = in[at + i];
                    if (v > max[i]) {
                        max[i] = v;
                        best[i] = f;
                    }
                }
            }
        }
    }

    /** The per-thread int scratch of the pooling argmax. */
    private static final ThreadLocal<int[][]> BEST = ThreadLocal.withInitial(() -> new int[1][0]);

    private static int[] bestOf(int b) {
        int[][] holder = BEST.get();
        if (holder[0].length < b) {
            holder[0] = new int[Math.max(b, 64)];
        }
        return holder[0];
    }

    /** out ← the windows' maxima of a (tangent null, add 0), or dz += da at the maxima (tangent da, add 1). */
    static void maxPool(ConvShape w, CpuMat a, CpuMat tangent, CpuMat out, int add) {
        int b = a.rows(), channels = w.channels(), positions = w.positions(), hw = w.height() * w.width();
        double[] in = loadAll(a, SHARED);
        double[] t = tangent == null ? in : loadAll(tangent, TANGENT);
        int parts = Math.min(channels, Parallel.parts((long) b * channels * positions * w.kernel() * w.kernel()));
        Parallel.run(parts, part -> {
            Staging.Scratch scratch = Staging.Scratch.get();
            double[] col = scratch.slot(PART, b), max = scratch.slot(PART + 1, b);
            int[] best = bestOf(b);
            for (int c = Parallel.bound(channels, parts, part); c < Parallel.bound(channels, parts, part + 1); c++) {
                for (int p = 0; p < positions; p++) {
                    int at = b * (c * positions + p);
                    argmax(w, in, b, c, p, best, max);
                    if (add != 0) {
                        Staging.load(out, at, col, b);
                        for (int i = 0; i < b; i++) {
                            col[i] += t[i + b * (c * hw + best[i])];
                        }
                        Staging.store(col, b, out, at);
                    } else if (t == in) {
                        Staging.store(max, b, out, at);
                    } else {
                        for (int i = 0; i < b; i++) {
                            col[i] = t[i + b * (c * hw + best[i])];
                        }
                        Staging.store(col, b, out, at);
                    }
                }
            }
        });
    }

    /**
     * Each window's maximum found once per sample, its rows' sensitivities added to that input
     * element window by window in p order: the order of kernels/conv.cu's gather over the
     * windows (oy, then ox) that contain an element, so the sums are the same.
     */
    static void maxPoolBackward(ConvShape w, CpuMat a, CpuMat g, int rps, CpuMat below) {
        int b = a.rows(), m = g.rows(), channels = w.channels(), positions = w.positions(), hw = w.height() * w.width();
        double[] in = loadAll(a, SHARED);
        int parts = Math.min(channels, Parallel.parts((long) m * w.inputFeatures()));
        Parallel.run(parts, part -> {
            Staging.Scratch scratch = Staging.Scratch.get();
            double[] gc = scratch.slot(PART, Math.toIntExact((long) m * positions));
            double[] sums = scratch.slot(PART + 1, Math.toIntExact((long) m * hw));
            double[] max = scratch.slot(PART + 2, b);
            int[] best = bestOf(b);
            for (int c = Parallel.bound(channels, parts, part); c < Parallel.bound(channels, parts, part + 1); c++) {
                Staging.load(g, c * positions * m, gc, m * positions);
                java.util.Arrays.fill(sums, 0, m * hw, 0);
                for (int p = 0; p < positions; p++) {
                    argmax(w, in, b, c, p, best, max);
                    for (int i = 0; i < b; i++) {
                        int at = m * best[i];
                        for (int r = i * rps; r < (i + 1) * rps; r++) {
                            sums[at + r] += gc[r + m * p];
                        }
                    }
                }
                Staging.store(sums, m * hw, below, m * c * hw);
            }
        });
    }

    static void col2im(ConvShape sh, CpuMat patches, CpuMat a) {
        int b = a.rows(), k = sh.kernel(), h = sh.height(), w = sh.width(), s = sh.stride(), pad = sh.padding();
        int oh = sh.outHeight(), ow = sh.outWidth(), rows = sh.positions() * b, channels = sh.channels();
        int parts = Math.min(channels, Parallel.parts((long) rows * sh.patchSize()));
        Parallel.run(parts, part -> {
            Staging.Scratch scratch = Staging.Scratch.get();
            double[] cols = scratch.slot(PART, Math.toIntExact((long) k * k * rows));
            double[] out = scratch.slot(PART + 1, b);
            for (int c = Parallel.bound(channels, parts, part); c < Parallel.bound(channels, parts, part + 1); c++) {
                Staging.load(patches, c * k * k * rows, cols, k * k * rows); // the k² columns of channel c
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        java.util.Arrays.fill(out, 0, b, 0);
                        for (int ky = 0; ky < k; ky++) {
                            int ty = y + pad - ky;
                            if (ty < 0 || ty % s != 0 || ty / s >= oh) {
                                continue;
                            }
                            for (int kx = 0; kx < k; kx++) {
                                int tx = x + pad - kx;
                                if (tx < 0 || tx % s != 0 || tx / s >= ow) {
                                    continue;
                                }
                                int at = (ky * k + kx) * rows + (ty / s * ow + tx / s) * b;
                                for (int i = 0; i < b; i++) {
                                    out[i] += cols[at + i];
                                }
                            }
                        }
                        Staging.store(out, b, a, b * ((c * h + y) * w + x));
                    }
                }
            }
        });
    }
}
