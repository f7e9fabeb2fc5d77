package dev.gn4j.engine.backend.cpu;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * The m×m loops of the batch-space Gram: the Hadamard accumulation of
 * {@code gramAccumulate} (three times per EGN step at m = 1280) and the transpose
 * of {@code symmetrize}. Both walk memory column by column (column-major), read and
 * write through typed buffers, and split the triangle into parts of equal area.
 * Each output element is computed by one thread with the same double expression
 * as {@link ScalarKernels}, so the results are bit-identical to it.
 */
final class GramKernels {
    /** Block edge of the transpose: a 64×64 float64 block pair is 64 KiB, within L2. */
    private static final int BLOCK = 64;

    private GramKernels() {
    }

    /** k[r, s] += s2[r, s]·(aa[r/rps, s/rps] + 1) for r ≥ s. */
    static void gramAccumulate(CpuMat s2, CpuMat aa, int rps, CpuMat k) {
        int m = s2.rows();
        int b = aa.rows();
        if (m == 0) {
            return;
        }
        // A unit is one sample column j, i.e. Gram columns j·rps .. j·rps + rps − 1, which
        // share the expanded column (aa[·, j] + 1); its cost is its part of the triangle.
        int parts = Parallel.parts((long) m * (m + 1) / 2);
        int[] bounds = Parallel.balancedBounds(b, j -> (double) rps * (m - (double) j * rps), parts);
        Parallel.run(parts, p -> accumulate(s2, aa, rps, k, bounds[p], bounds[p + 1]));
    }

    private static void accumulate(CpuMat s2, CpuMat aa, int rps, CpuMat k, int j0, int j1) {
        int m = s2.rows();
        int b = aa.rows();
        Staging.Scratch scratch = Staging.Scratch.get();
        double[] e = scratch.slot(0, m);
        double[] acol = rps == 1 ? e : scratch.slot(1, b);
        boolean k64 = Staging.isF64(k), s64 = Staging.isF64(s2);
        for (int j = j0; j < j1; j++) {
            // Rows r ≥ j·rps belong to samples i ≥ j: only aa's lower triangle is read.
            int n = b - j;
            if (rps == 1) {
                Staging.load(aa, j * b + j, e, j, n); // e[r] = aa[r, j] + 1 for r ≥ j, in place
                for (int r = j; r < b; r++) {
                    e[r] = e[r] + 1;
                }
            } else {
                Staging.load(aa, j * b + j, acol, n);
                for (int i = 0; i < n; i++) {
                    double v = acol[i] + 1;
                    int r0 = (j + i) * rps;
                    for (int q = 0; q < rps; q++) {
                        e[r0 + q] = v;
                    }
                }
            }
            for (int col = j * rps; col < (j + 1) * rps; col++) {
                int ko = k.offset + col * m;
                int so = s2.offset + col * m;
                if (k64) {
                    if (s64) {
                        column(Staging.f64(k), ko, Staging.f64(s2), so, e, col, m);
                    } else {
                        column(Staging.f64(k), ko, Staging.f32(s2), so, e, col, m);
                    }
                } else if (s64) {
                    column(Staging.f32(k), ko, Staging.f64(s2), so, e, col, m);
                } else {
                    column(Staging.f32(k), ko, Staging.f32(s2), so, e, col, m);
                }
            }
        }
    }

    // One Gram column, rows from..m−1; one overload per (K, S) dtype pair so that each
    // loop is monomorphic. The expression is ScalarKernels' (double, then rounded to K's type).

    private static void column(DoubleBuffer kb, int ko, FloatBuffer sb, int so, double[] e, int from, int m) {
        for (int r = from; r < m; r++) {
            kb.put(ko + r, kb.get(ko + r) + sb.get(so + r) * e[r]);
        }
    }

    private static void column(DoubleBuffer kb, int ko, DoubleBuffer sb, int so, double[] e, int from, int m) {
        for (int r = from; r < m; r++) {
            kb.put(ko + r, kb.get(ko + r) + sb.get(so + r) * e[r]);
        }
    }

    private static void column(FloatBuffer kb, int ko, FloatBuffer sb, int so, double[] e, int from, int m) {
        for (int r = from; r < m; r++) {
            kb.put(ko + r, (float) (kb.get(ko + r) + sb.get(so + r) * e[r]));
        }
    }

    private static void column(FloatBuffer kb, int ko, DoubleBuffer sb, int so, double[] e, int from, int m) {
        for (int r = from; r < m; r++) {
            kb.put(ko + r, (float) (kb.get(ko + r) + sb.get(so + r) * e[r]));
        }
    }

    /**
     * Strict lower triangle → upper. Loops over destination columns i (contiguous
     * writes of rows j &lt; i) in blocks, so the strided reads of row i of the lower
     * triangle stay within one block of columns. Parts own disjoint destination
     * columns; reads touch only the strict lower triangle, which nobody writes.
     */
    static void symmetrize(CpuMat c) {
        int n = c.rows();
        if (n < 2) {
            return;
        }
        int blocks = (n + BLOCK - 1) / BLOCK;
        int parts = Parallel.parts((long) n * (n - 1) / 2);
        // Destination column block ib holds about BLOCK·(ib + ½)·BLOCK elements.
        int[] bounds = Parallel.balancedBounds(blocks, ib -> ib + 0.5, parts);
        Parallel.run(parts, p -> {
            for (int ib = bounds[p]; ib < bounds[p + 1]; ib++) {
                if (Staging.isF64(c)) {
                    block(Staging.f64(c), c.offset, n, ib * BLOCK);
                } else {
                    block(Staging.f32(c), c.offset, n, ib * BLOCK);
                }
            }
        });
    }

    private static void block(DoubleBuffer buf, int o, int n, int i0) {
        int i1 = Math.min(i0 + BLOCK, n);
        for (int jb = 0; jb < i1; jb += BLOCK) {
            int je = Math.min(jb + BLOCK, n);
            for (int i = i0; i < i1; i++) {
                int dst = o + i * n;
                int end = Math.min(je, i);
                for (int j = jb; j < end; j++) {
                    buf.put(dst + j, buf.get(o + i + j * n));
                }
            }
        }
    }

    private static void block(FloatBuffer buf, int o, int n, int i0) {
        int i1 = Math.min(i0 + BLOCK, n);
        for (int jb = 0; jb < i1; jb += BLOCK) {
            int je = Math.min(jb + BLOCK, n);
            for (int i = i0; i < i1; i++) {
                int dst = o + i * n;
                int end = Math.min(je, i);
                for (int j = jb; j < end; j++) {
                    buf.put(dst + j, buf.get(o + i + j * n));
                }
            }
        }
    }
}
