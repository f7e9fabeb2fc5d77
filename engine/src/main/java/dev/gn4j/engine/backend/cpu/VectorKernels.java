package dev.gn4j.engine.backend.cpu;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Kernels over whole matrices read as vectors: transfers, copy, fill, the float32
 * dot product, the mse residual and Adam. Elementwise ones are bit-identical to
 * {@link ScalarKernels} (same double expressions, same rounding on store); the
 * float32 dot sums in a different, fixed order (see {@link #dotF32}).
 */
final class VectorKernels {
    /** Elements staged per step of the chunked loops: 32 KiB of doubles, L1-sized. */
    static final int CHUNK = 4096;

    /** The float32 dot product sums blocks of this many elements, then the blocks in order. */
    static final int DOT_BLOCK = 8192;

    private VectorKernels() {
    }

    static void upload(double[] src, CpuMat dst) {
        int n = src.length;
        int parts = Parallel.parts(n);
        Parallel.run(parts, p -> {
            int lo = Parallel.bound(n, parts, p), hi = Parallel.bound(n, parts, p + 1);
            Staging.store(src, lo, hi - lo, dst, lo);
        });
    }

    static double[] download(CpuMat src) {
        int n = Math.toIntExact(src.size());
        double[] out = new double[n];
        Staging.load(src, 0, out, 0, n);
        return out;
    }

    /** dst ← src; same dtype is a bulk memory copy, a mix converts element by element. */
    static void copy(CpuMat src, CpuMat dst) {
        int n = Math.toIntExact(src.size());
        if (Staging.same(src, dst)) {
            return; // a copy onto itself changes nothing (the scalar loop rewrites each value as is)
        }
        if (Staging.overlaps(src, dst)) {
            ScalarKernels.copy(src, dst); // keep the scalar loop's forward order for overlapping views
            return;
        }
        int parts = Parallel.parts(n);
        Parallel.run(parts, p -> {
            int lo = Parallel.bound(n, parts, p), hi = Parallel.bound(n, parts, p + 1);
            copyRange(src, dst, lo, hi);
        });
    }

    private static void copyRange(CpuMat src, CpuMat dst, int lo, int hi) {
        int s = src.offset + lo, d = dst.offset + lo, len = hi - lo;
        boolean s64 = Staging.isF64(src), d64 = Staging.isF64(dst);
        if (s64 && d64) {
            Staging.f64(dst).put(d, Staging.f64(src), s, len);
        } else if (!s64 && !d64) {
            Staging.f32(dst).put(d, Staging.f32(src), s, len);
        } else if (s64) {
            DoubleBuffer a = Staging.f64(src);
            FloatBuffer b = Staging.f32(dst);
            for (int i = 0; i < len; i++) {
                b.put(d + i, (float) a.get(s + i));
            }
        } else {
            FloatBuffer a = Staging.f32(src);
            DoubleBuffer b = Staging.f64(dst);
            for (int i = 0; i < len; i++) {
                b.put(d + i, a.get(s + i));
            }
        }
    }

    /** m ← value: bulk copies from a filled per-thread chunk (any value, both dtypes; no per-element call). */
    static void fill(CpuMat m, double value) {
        int n = Math.toIntExact(m.size());
        int parts = Parallel.parts(n);
        Parallel.run(parts, p -> {
            int lo = Parallel.bound(n, parts, p), hi = Parallel.bound(n, parts, p + 1);
            int at = m.offset + lo;
            int len = Math.min(CHUNK, hi - lo);
            Staging.Scratch scratch = Staging.Scratch.get();
            if (Staging.isF64(m)) {
                double[] chunk = scratch.slot(0, len);
                Arrays.fill(chunk, 0, len, value);
                DoubleBuffer b = Staging.f64(m);
                for (int i = lo; i < hi; i += len) {
                    b.put(at + i - lo, chunk, 0, Math.min(len, hi - i));
                }
            } else {
                float[] chunk = scratch.floats(len);
                Arrays.fill(chunk, 0, len, (float) value);
                FloatBuffer b = Staging.f32(m);
                for (int i = lo; i < hi; i += len) {
                    b.put(at + i - lo, chunk, 0, Math.min(len, hi - i));
                }
            }
        });
    }

    /**
     * Σ x_i y_i for float32 inputs, accumulated in double (each product of two floats is
     * exact in double). The order is fixed by n alone: blocks of {@link #DOT_BLOCK}
     * elements, each summed left to right, then the block sums in block order. The
     * result does not depend on the thread count or timing; it equals the scalar
     * left-to-right sum up to DOT_BLOCK elements and differs from it by rounding beyond.
     */
    static double dotF32(CpuMat x, CpuMat y) {
        int n = Math.toIntExact(x.size());
        int blocks = (n + DOT_BLOCK - 1) / DOT_BLOCK;
        double[] sums = new double[blocks];
        FloatBuffer a = Staging.f32(x), b = Staging.f32(y);
        int xo = x.offset, yo = y.offset;
        int parts = Math.min(blocks, Parallel.parts(n));
        Parallel.run(parts, p -> {
            int blk = Parallel.bound(blocks, parts, p), end = Parallel.bound(blocks, parts, p + 1);
            // Two blocks per pass: two independent running sums overlap their add latencies
            // (0.11 against 0.20 ms for 269,322 elements here), and each block keeps its order.
            for (; blk + 1 < end && (blk + 2) * DOT_BLOCK <= n; blk += 2) {
                int lo0 = blk * DOT_BLOCK, lo1 = lo0 + DOT_BLOCK;
                double s0 = 0, s1 = 0;
                for (int i = 0; i < DOT_BLOCK; i++) {
                    s0 += (double) a.get(xo + lo0 + i) * b.get(yo + lo0 + i);
                    s1 += (double) a.get(xo + lo1 + i) * b.get(yo + lo1 + i);
                }
                sums[blk] = s0;
                sums[blk + 1] = s1;
            }
            for (; blk < end; blk++) {
                int lo = blk * DOT_BLOCK, hi = Math.min(n, lo + DOT_BLOCK);
                double s = 0;
                for (int i = lo; i < hi; i++) {
                    s += (double) a.get(xo + i) * b.get(yo + i);
                }
                sums[blk] = s;
            }
        });
        double s = 0;
        for (double v : sums) {
            s += v;
        }
        return s;
    }

    /** g ← f − y; returns ½ Σ g², summed left to right as the scalar loop does. */
    static double mseResidual(CpuMat f, CpuMat y, CpuMat g) {
        int n = Math.toIntExact(f.size());
        Staging.Scratch scratch = Staging.Scratch.get();
        double[] fb = scratch.slot(0, CHUNK), yb = scratch.slot(1, CHUNK);
        double s = 0;
        for (int lo = 0; lo < n; lo += CHUNK) {
            int len = Math.min(CHUNK, n - lo);
            Staging.load(f, lo, fb, len);
            Staging.load(y, lo, yb, len);
            for (int i = 0; i < len; i++) {
                double r = fb[i] - yb[i];
                fb[i] = r;
                s += r * r;
            }
            Staging.store(fb, len, g, lo);
        }
        return 0.5 * s;
    }

    /** PyTorch Adam, the scalar loop's expressions chunk by chunk; parts own disjoint ranges. */
    static void adamUpdate(CpuMat param, CpuMat grad, CpuMat m, CpuMat v, double lr, double beta1, double beta2,
                           double eps, double weightDecay, long t) {
        int n = Math.toIntExact(param.size());
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        int parts = Parallel.parts(8L * n);
        Parallel.run(parts, p -> {
            int lo0 = Parallel.bound(n, parts, p), hi0 = Parallel.bound(n, parts, p + 1);
            Staging.Scratch scratch = Staging.Scratch.get();
            double[] pb = scratch.slot(0, CHUNK), gb = scratch.slot(1, CHUNK);
            double[] mb = scratch.slot(2, CHUNK), vb = scratch.slot(3, CHUNK);
            for (int lo = lo0; lo < hi0; lo += CHUNK) {
                int len = Math.min(CHUNK, hi0 - lo);
                Staging.load(param, lo, pb, len);
                Staging.load(grad, lo, gb, len);
                Staging.load(m, lo, mb, len);
                Staging.load(v, lo, vb, len);
                for (int i = 0; i < len; i++) {
                    double gi = gb[i] + weightDecay * pb[i];
                    double mi = beta1 * mb[i] + (1 - beta1) * gi;
                    double vi = beta2 * vb[i] + (1 - beta2) * gi * gi;
                    mb[i] = mi;
                    vb[i] = vi;
                    pb[i] = pb[i] - lr * (mi / bc1) / (Math.sqrt(vi / bc2) + eps);
                }
                Staging.store(mb, len, m, lo);
                Staging.store(vb, len, v, lo);
                Staging.store(pb, len, param, lo);
            }
        });
    }
}
