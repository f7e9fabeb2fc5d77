package dev.gn4j.engine.backend.cpu;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Typed moves between CPU storage and double[] scratch, so that a structured kernel
 * is written once over double[] for both dtypes and every dtype mix. The arithmetic
 * then happens in double exactly as in {@link ScalarKernels} (which reads every
 * element through {@code CpuStorage.get} as a double and writes through
 * {@code set}, rounding to float for F32), so staged kernels give the same bits.
 *
 * <p>float64 moves are bulk buffer copies (a memcpy); float32 moves are a bulk copy
 * into a per-thread float[] and a widening (or rounding) loop over heap arrays, not a
 * direct-buffer {@code get}/{@code put} per element: float32 activationGrad at 128×64
 * took 20.8 µs the old way and 11.9 µs this way (bench/results/2026-11-22-cpu-targets.md).
 */
final class Staging {
    /** Elements per float32 bulk move: a bounded per-thread block (16 KiB) reused for any length. */
    static final int FLOAT_CHUNK = 4096;

    private Staging() {
    }

    /** dst[0..n) ← m's elements [from, from + n) (column-major index within the view). */
    static void load(CpuMat m, int from, double[] dst, int dstOff, int n) {
        int at = m.offset + from;
        if (m.store instanceof CpuStorage.F64 s) {
            s.buf.get(at, dst, dstOff, n);
        } else {
            FloatBuffer b = ((CpuStorage.F32) m.store).buf;
            float[] f = Scratch.get().floats(Math.min(n, FLOAT_CHUNK));
            for (int lo = 0; lo < n; lo += FLOAT_CHUNK) {
                int len = Math.min(FLOAT_CHUNK, n - lo);
                b.get(at + lo, f, 0, len);
                for (int i = 0; i < len; i++) {
                    dst[dstOff + lo + i] = f[i];
                }
            }
        }
    }

    static void load(CpuMat m, int from, double[] dst, int n) {
        load(m, from, dst, 0, n);
    }

    /** m's elements [from, from + n) ← src[0..n), rounded to float for F32. */
    static void store(double[] src, int srcOff, int n, CpuMat m, int from) {
        int at = m.offset + from;
        if (m.store instanceof CpuStorage.F64 s) {
            s.buf.put(at, src, srcOff, n);
        } else {
            FloatBuffer b = ((CpuStorage.F32) m.store).buf;
            float[] f = Scratch.get().floats(Math.min(n, FLOAT_CHUNK));
            for (int lo = 0; lo < n; lo += FLOAT_CHUNK) {
                int len = Math.min(FLOAT_CHUNK, n - lo);
                for (int i = 0; i < len; i++) {
                    f[i] = (float) src[srcOff + lo + i];
                }
                b.put(at + lo, f, 0, len);
            }
        }
    }

    static void store(double[] src, int n, CpuMat m, int from) {
        store(src, 0, n, m, from);
    }

    static boolean isF64(CpuMat m) {
        return m.store instanceof CpuStorage.F64;
    }

    static DoubleBuffer f64(CpuMat m) {
        return ((CpuStorage.F64) m.store).buf;
    }

    static FloatBuffer f32(CpuMat m) {
        return ((CpuStorage.F32) m.store).buf;
    }

    /** True when the two views share storage and their element ranges intersect. */
    static boolean overlaps(CpuMat a, CpuMat b) {
        if (a.store != b.store) {
            return false;
        }
        long a0 = a.offset, a1 = a0 + a.size(), b0 = b.offset, b1 = b0 + b.size();
        return a0 < b1 && b0 < a1;
    }

    /** True when the two views are the same elements (an in-place call). */
    static boolean same(CpuMat a, CpuMat b) {
        return a.store == b.store && a.offset == b.offset && a.size() == b.size();
    }

    /** Per-thread scratch arrays, grown on demand and kept (kernels run on a fixed set of threads). */
    static final class Scratch {
        private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
        private final double[][] slots = new double[6][];
        private float[] floats;

        static Scratch get() {
            return LOCAL.get();
        }

        /** A scratch array of at least n doubles; slots are independent, contents are garbage. */
        double[] slot(int slot, int n) {
            double[] a = slots[slot];
            if (a == null || a.length < n) {
                a = new double[Math.max(n, 64)];
                slots[slot] = a;
            }
            return a;
        }

        /** The float block of the float32 moves and of fill (each uses it within one call only). */
        float[] floats(int n) {
            if (floats == null || floats.length < n) {
                floats = new float[Math.max(n, FLOAT_CHUNK)];
            }
            return floats;
        }
    }
}
