package dev.gn4j.engine.backend.cpu;

import dev.gn4j.engine.backend.Activation;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * The structured kernels of the layer passes and the losses, staged column by column
 * through double[] scratch (see {@link Staging}): matrices are column-major, so a
 * column is one contiguous run and every loop here walks memory in order. Each
 * output element gets ScalarKernels' double expression, and every sum keeps the
 * scalar loop's order, so results are bit-identical to it, except that tanh is
 * {@link FastTanh} (float64 results) or {@link FloatTanh} (float32 results). Parallel
 * parts own disjoint columns (or chunks).
 */
final class LayerKernels {
    private static final int CHUNK = VectorKernels.CHUNK;

    /** Rows of a row-wise (softmax) block: BLOCK_ROWS × c doubles of scratch. */
    private static final int BLOCK_ROWS = 256;

    private LayerKernels() {
    }

    /** Relative cost of one σ evaluation against one load-add-store, for the parallel threshold. */
    private static int cost(Activation f) {
        return switch (f) {
            case IDENTITY, RELU -> 1;
            case TANH, SIGMOID -> 8;
            case GELU -> 12;
        };
    }

    /** The same for σ': tanh and sigmoid reuse a = σ(z), only GELU evaluates exponentials. */
    private static int derivativeCost(Activation f) {
        return f == Activation.GELU ? 12 : 1;
    }

    /** a ← σ(z), elementwise over the whole matrix in chunks. */
    static void activation(Activation f, CpuMat z, CpuMat a) {
        int n = Math.toIntExact(z.size());
        // A float32 result needs only float accuracy: the branch-free rational the JIT vectorizes.
        boolean floatTanh = f == Activation.TANH && !Staging.isF64(a);
        int parts = Parallel.parts((long) n * cost(f));
        Parallel.run(parts, p -> {
            int lo0 = Parallel.bound(n, parts, p), hi0 = Parallel.bound(n, parts, p + 1);
            double[] x = Staging.Scratch.get().slot(0, CHUNK);
            for (int lo = lo0; lo < hi0; lo += CHUNK) {
                int len = Math.min(CHUNK, hi0 - lo);
                Staging.load(z, lo, x, len);
                if (floatTanh) {
                    FloatTanh.apply(x, x, len);
                } else {
                    Pointwise.apply(f, x, x, len);
                }
                Staging.store(x, len, a, lo);
            }
        });
    }

    /**
     * out ← g ∘ σ'(z), z and a b×d, g and out (b·rps)×d, one column at a time; out may be
     * g. σ' is evaluated once per sample and spread over its rps rows; when g and out
     * share a dtype the product is one typed pass over the column (staging g through
     * scratch would take three).
     */
    static void activationGrad(Activation f, CpuMat z, CpuMat a, CpuMat g, int rps, CpuMat out) {
        int b = z.rows(), d = z.cols(), m = g.rows();
        boolean readsZ = f == Activation.RELU || f == Activation.GELU;
        boolean readsA = f == Activation.TANH || f == Activation.SIGMOID;
        int parts = Math.min(d, Parallel.parts((long) m * d + (long) b * d * derivativeCost(f)));
        Parallel.run(parts, p -> {
            Staging.Scratch scratch = Staging.Scratch.get();
            double[] zc = scratch.slot(0, b), ac = scratch.slot(1, b), e = scratch.slot(2, m);
            for (int j = Parallel.bound(d, parts, p); j < Parallel.bound(d, parts, p + 1); j++) {
                // σ′ reads z (relu, gelu) or a (tanh, sigmoid), never both: load only that one.
                if (readsZ) {
                    Staging.load(z, j * b, zc, b);
                }
                if (readsA) {
                    Staging.load(a, j * b, ac, b);
                }
                Pointwise.derivative(f, zc, ac, zc, b);
                double[] dr = zc; // σ' per row
                if (rps > 1) {
                    for (int i = 0, r = 0; i < b; i++) {
                        double di = zc[i];
                        for (int q = 0; q < rps; q++, r++) {
                            e[r] = di;
                        }
                    }
                    dr = e;
                }
                int go = g.offset + j * m, oo = out.offset + j * m;
                boolean g64 = Staging.isF64(g), o64 = Staging.isF64(out);
                // Bulk copies in and out: element by element, a direct buffer's bounds checks keep
                // the JIT from vectorizing the product.
                if (!g64 && !o64) {
                    float[] gf = scratch.floats(m);
                    Staging.f32(g).get(go, gf, 0, m);
                    for (int r = 0; r < m; r++) {
                        gf[r] = (float) (gf[r] * dr[r]);
                    }
                    Staging.f32(out).put(oo, gf, 0, m);
                } else if (g64 && o64) {
                    double[] gd = scratch.slot(3, m);
                    Staging.f64(g).get(go, gd, 0, m);
                    for (int r = 0; r < m; r++) {
                        gd[r] = gd[r] * dr[r];
                    }
                    Staging.f64(out).put(oo, gd, 0, m);
                } else {
                    double[] gc = scratch.slot(3, m);
                    Staging.load(g, j * m, gc, m);
                    for (int r = 0; r < m; r++) {
                        gc[r] = gc[r] * dr[r];
                    }
                    Staging.store(gc, m, out, j * m);
                }
            }
        });
    }

    /** m[i, j] += bias[j]; a direct typed loop per column (staging would add two passes to one). */
    static void addBias(CpuMat m, CpuMat bias) {
        int rows = m.rows(), cols = m.cols();
        double[] bv = new double[cols];
        Staging.load(bias, 0, bv, cols);
        int parts = Math.min(Math.max(cols, 1), Parallel.parts((long) rows * cols));
        Parallel.run(parts, p -> {
            Staging.Scratch scratch = Staging.Scratch.get();
            for (int j = Parallel.bound(cols, parts, p); j < Parallel.bound(cols, parts, p + 1); j++) {
                double bj = bv[j];
                int o = m.offset + j * rows;
                // In bulk chunks: element by element, a direct buffer's bounds checks keep the JIT from vectorizing.
                for (int lo = 0; lo < rows; lo += Staging.FLOAT_CHUNK) {
                    int len = Math.min(Staging.FLOAT_CHUNK, rows - lo);
                    if (Staging.isF64(m)) {
                        double[] x = scratch.slot(0, len);
                        DoubleBuffer buf = Staging.f64(m);
                        buf.get(o + lo, x, 0, len);
                        for (int i = 0; i < len; i++) {
                            x[i] = x[i] + bj;
                        }
                        buf.put(o + lo, x, 0, len);
                    } else {
                        float[] x = scratch.floats(len);
                        FloatBuffer buf = Staging.f32(m);
                        buf.get(o + lo, x, 0, len);
                        for (int i = 0; i < len; i++) {
                            x[i] = (float) (x[i] + bj);
                        }
                        buf.put(o + lo, x, 0, len);
                    }
                }
            }
        });
    }

    /** out[j] ← α Σ_i m[i, j] + β out[j], each column summed top to bottom as the scalar loop does. */
    static void columnSums(double alpha, CpuMat m, double beta, CpuMat out) {
        int rows = m.rows(), cols = m.cols();
        double[] o = new double[cols];
        Staging.load(out, 0, o, cols);
        int parts = Math.min(Math.max(cols, 1), Parallel.parts((long) rows * cols));
        Parallel.run(parts, p -> {
            for (int j = Parallel.bound(cols, parts, p); j < Parallel.bound(cols, parts, p + 1); j++) {
                int at = m.offset + j * rows;
                double s = 0;
                if (Staging.isF64(m)) {
                    DoubleBuffer buf = Staging.f64(m);
                    for (int i = at; i < at + rows; i++) {
                        s += buf.get(i);
                    }
                } else {
                    FloatBuffer buf = Staging.f32(m);
                    for (int i = at; i < at + rows; i++) {
                        s += buf.get(i);
                    }
                }
                o[j] = alpha * s + (beta == 0 ? 0 : beta * o[j]);
            }
        });
        Staging.store(o, cols, out, 0);
    }

    /** True when every label is a class index 0..c−1 (else the scalar loop keeps its own behavior). */
    static boolean labelsInRange(CpuMat labels, int c) {
        int b = Math.toIntExact(labels.size());
        double[] l = new double[b];
        Staging.load(labels, 0, l, b);
        for (double v : l) {
            int y = (int) v;
            if (y < 0 || y >= c) {
                return false;
            }
        }
        return true;
    }

    /**
     * p ← softmax(f), g ← p − onehot; returns Σ −log p_y. Rows are processed in blocks
     * (a row of a column-major matrix is strided, a block of rows is c contiguous runs);
     * the loss is summed over rows in order, as the scalar loop does.
     */
    static double softmaxCrossEntropy(CpuMat f, CpuMat labels, CpuMat p, CpuMat g) {
        int b = f.rows(), c = f.cols();
        Staging.Scratch scratch = Staging.Scratch.get();
        int rb = Math.min(b, BLOCK_ROWS);
        double[] fb = scratch.slot(0, rb * c), pb = scratch.slot(1, rb * c), gb = scratch.slot(2, rb * c);
        double[] yb = scratch.slot(3, rb);
        double nll = 0;
        for (int i0 = 0; i0 < b; i0 += rb) {
            int n = Math.min(rb, b - i0);
            for (int k = 0; k < c; k++) {
                Staging.load(f, k * b + i0, fb, k * n, n);
            }
            Staging.load(labels, i0, yb, n);
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    max = Math.max(max, fb[k * n + i]);
                }
                double z = 0;
                for (int k = 0; k < c; k++) {
                    z += Math.exp(fb[k * n + i] - max);
                }
                double logZ = max + Math.log(z);
                int y = (int) yb[i];
                for (int k = 0; k < c; k++) {
                    double pk = Math.exp(fb[k * n + i] - logZ);
                    pb[k * n + i] = pk;
                    gb[k * n + i] = pk - (k == y ? 1 : 0);
                }
                nll += logZ - fb[y * n + i];
            }
            for (int k = 0; k < c; k++) {
                Staging.store(pb, k * n, n, p, k * b + i0);
                Staging.store(gb, k * n, n, g, k * b + i0);
            }
        }
        return nll;
    }

    /** Rows whose arg-max (first maximum, NaN never wins) equals the label. */
    static long countCorrect(CpuMat f, CpuMat labels) {
        int b = f.rows(), c = f.cols();
        Staging.Scratch scratch = Staging.Scratch.get();
        int rb = Math.max(1, Math.min(b, BLOCK_ROWS));
        double[] fb = scratch.slot(0, rb * c), yb = scratch.slot(1, rb);
        long correct = 0;
        for (int i0 = 0; i0 < b; i0 += rb) {
            int n = Math.min(rb, b - i0);
            for (int k = 0; k < c; k++) {
                Staging.load(f, k * b + i0, fb, k * n, n);
            }
            Staging.load(labels, i0, yb, n);
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int k = 1; k < c; k++) {
                    if (fb[k * n + i] > fb[best * n + i]) {
                        best = k;
                    }
                }
                if (best == (int) yb[i]) {
                    correct++;
                }
            }
        }
        return correct;
    }

    /**
     * out ((b·(c−1))×c): rows i·(c−1) + k hold B_i[k, ·] = (δ_kj − v_k v_j / (1 + s_h)) s_j,
     * s = √p_i, h = c − 1, v = s + e_h (ScalarKernels' expression); written column by column.
     */
    static void softmaxQFactor(CpuMat p, CpuMat out) {
        int b = p.rows(), c = p.cols(), h = c - 1, m = b * h;
        Staging.Scratch scratch = Staging.Scratch.get();
        int rb = Math.max(1, Math.min(b, BLOCK_ROWS));
        double[] s = scratch.slot(0, rb * c), col = scratch.slot(1, rb * h);
        for (int i0 = 0; i0 < b; i0 += rb) {
            int n = Math.min(rb, b - i0);
            for (int k = 0; k < c; k++) {
                Staging.load(p, k * b + i0, s, k * n, n);
            }
            for (int t = 0; t < n * c; t++) {
                s[t] = Math.sqrt(Math.max(0, s[t]));
            }
            for (int j = 0; j < c; j++) {
                for (int i = 0; i < n; i++) {
                    double sj = s[j * n + i];
                    double vj = j == h ? sj + 1 : sj;
                    double den = 1 + s[h * n + i];
                    for (int k = 0; k < h; k++) {
                        col[i * h + k] = ((k == j ? 1 : 0) - s[k * n + i] * vj / den) * sj;
                    }
                }
                Staging.store(col, n * h, out, j * m + i0 * h);
            }
        }
    }

    /** out_i ← Σ_{q} v_{i·rps+q} · seed_{i·rps+q} (row), each sum in q order. */
    static void contractRows(CpuMat seed, CpuMat v, int rps, CpuMat out) {
        int m = seed.rows(), c = seed.cols(), b = out.rows();
        Staging.Scratch scratch = Staging.Scratch.get();
        double[] vv = scratch.slot(0, m), sc = scratch.slot(1, m), oc = scratch.slot(2, b);
        Staging.load(v, 0, vv, m);
        for (int k = 0; k < c; k++) {
            Staging.load(seed, k * m, sc, m);
            if (rps == 1) {
                // One row a sample (per-sample gradients, a one-output model's Jacobian): a row
                // scaling, in a loop the JIT vectorizes. 0 + x keeps the sum's sign of zero.
                for (int i = 0; i < b; i++) {
                    oc[i] = 0.0 + vv[i] * sc[i];
                }
            } else {
                for (int i = 0, r = 0; i < b; i++) {
                    double s = 0;
                    for (int q = 0; q < rps; q++, r++) {
                        s += vv[r] * sc[r];
                    }
                    oc[i] = s;
                }
            }
            Staging.store(oc, b, out, k * b);
        }
    }

    /** out_r ← Σ_k seed[r, k]·x[r/rps, k]: accumulated column by column, which keeps each row's k order. */
    static void rowDot(CpuMat seed, CpuMat x, int rps, CpuMat out) {
        int m = seed.rows(), c = seed.cols(), b = x.rows();
        Staging.Scratch scratch = Staging.Scratch.get();
        double[] acc = scratch.slot(0, m), sc = scratch.slot(1, m), xc = scratch.slot(2, b);
        java.util.Arrays.fill(acc, 0, m, 0.0);
        for (int k = 0; k < c; k++) {
            Staging.load(seed, k * m, sc, m);
            Staging.load(x, k * b, xc, b);
            for (int i = 0, r = 0; i < b; i++) {
                double xi = xc[i];
                for (int q = 0; q < rps; q++, r++) {
                    acc[r] += sc[r] * xi;
                }
            }
        }
        Staging.store(acc, m, out, 0);
    }

    /** The explicit Jacobian block: out[r, j + d·k] = g[r, j]·a[r/rps, k], then the bias columns g. */
    static void outerRows(CpuMat g, CpuMat a, int rps, CpuMat out) {
        int m = g.rows(), d = g.cols(), e = a.cols(), b = a.rows();
        if (d == 1) {
            oneUnitRows(g, a, rps, out);
            return;
        }
        int parts = Math.min(Math.max(e, 1), Parallel.parts((long) m * d * e));
        Parallel.run(parts, p -> {
            Staging.Scratch scratch = Staging.Scratch.get();
            double[] ac = scratch.slot(0, b), gc = scratch.slot(1, m), oc = scratch.slot(2, m);
            for (int kk = Parallel.bound(e, parts, p); kk < Parallel.bound(e, parts, p + 1); kk++) {
                Staging.load(a, kk * b, ac, b);
                for (int j = 0; j < d; j++) {
                    Staging.load(g, j * m, gc, m);
                    for (int i = 0, r = 0; i < b; i++) {
                        double ai = ac[i];
                        for (int q = 0; q < rps; q++, r++) {
                            oc[r] = gc[r] * ai;
                        }
                    }
                    Staging.store(oc, m, out, (j + d * kk) * m);
                }
            }
        });
        double[] gc = Staging.Scratch.get().slot(1, m);
        for (int j = 0; j < d; j++) {
            Staging.load(g, j * m, gc, m);
            Staging.store(gc, m, out, (d * e + j) * m);
        }
    }

    /**
     * outerRows of a one-unit layer: out = [g ∘ A | g] is then contiguous, as are A's
     * columns, so whole groups of columns move in one staged load and one store instead
     * of three moves per column (128 × 33 float32: 11 µs the per-column way).
     */
    private static void oneUnitRows(CpuMat g, CpuMat a, int rps, CpuMat out) {
        int m = g.rows(), e = a.cols(), b = a.rows();
        int group = Math.max(1, Staging.FLOAT_CHUNK / m);
        Staging.Scratch scratch = Staging.Scratch.get();
        double[] gc = scratch.slot(1, m);
        double[] ac = scratch.slot(0, Math.min(group, e) * b);
        double[] oc = scratch.slot(2, Math.min(group, e) * m);
        Staging.load(g, 0, gc, m);
        for (int k0 = 0; k0 < e; k0 += group) {
            int cols = Math.min(group, e - k0);
            Staging.load(a, k0 * b, ac, cols * b);
            for (int kk = 0; kk < cols; kk++) {
                int ao = kk * b, oo = kk * m;
                if (rps == 1) {
                    for (int r = 0; r < m; r++) { // the per-sample loop below does not vectorize
                        oc[oo + r] = gc[r] * ac[ao + r];
                    }
                    continue;
                }
                for (int i = 0, r = 0; i < b; i++) {
                    double ai = ac[ao + i];
                    for (int q = 0; q < rps; q++, r++) {
                        oc[oo + r] = gc[r] * ai;
                    }
                }
            }
            Staging.store(oc, cols * m, out, k0 * m);
        }
        Staging.store(gc, m, out, e * m);
    }
}
