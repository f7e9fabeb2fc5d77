package dev.gn4j.bench;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import java.util.SplittableRandom;

/**
 * Measures a {@link Ceiling} on any backend with the backend's own GEMM and copy,
 * waiting for the device around each timed call, best of {@code repeats} after one
 * untimed call. (bench/Ceilings.java adds SYRK and POTRF on the CPU.)
 */
public final class CeilingProbe {
    private final int gemmSize;
    private final long copyElements;
    private final int repeats;

    /**
     * @param gemmSize n of the n×n×n GEMM; 2048 keeps the CPU's probe near a second, a GPU wants 8192
     * @param copyElements elements copied; 2^25 is 128 MiB in f32, well past any cache
     */
    public CeilingProbe(int gemmSize, long copyElements, int repeats) {
        if (gemmSize < 1 || copyElements < 1 || repeats < 1) {
            throw new IllegalArgumentException("ceiling sizes and repeats must be positive");
        }
        this.gemmSize = gemmSize;
        this.copyElements = copyElements;
        this.repeats = repeats;
    }

    public Ceiling measure(Backend be, DType dtype) {
        int n = gemmSize;
        Mat a = be.zeros(n, n, dtype);
        Mat b = be.zeros(n, n, dtype);
        Mat c = be.zeros(n, n, dtype);
        double[] values = new SplittableRandom(1).doubles((long) n * n, -1, 1).toArray();
        be.upload(values, a);
        be.upload(values, b);
        double gemm = best(be, () -> be.gemm(false, true, 1, a, b, 0, c));
        int rows = Math.toIntExact(copyElements);
        Mat src = be.zeros(rows, 1, dtype);
        Mat dst = be.zeros(rows, 1, dtype);
        be.fill(src, 1);
        double copy = best(be, () -> be.copy(src, dst));
        return new Ceiling(dtype.name().toLowerCase(java.util.Locale.ROOT), n, 2.0 * n * n * n / gemm / 1e9,
                copyElements, 2.0 * copyElements * dtype.bytes() / copy / 1e9);
    }

    /**
     * The host's own copy rate, bytes read plus written, for the CPU row of the table: a
     * native memcpy of off-heap memory (JavaCPP), best of {@code repeats}. Unlike the
     * Backend copy it involves no gn4j code, so it bounds what any CPU kernel can stream.
     */
    public double hostMemcpyGbs(long bytes) {
        try (org.bytedeco.javacpp.BytePointer src = new org.bytedeco.javacpp.BytePointer(bytes);
             org.bytedeco.javacpp.BytePointer dst = new org.bytedeco.javacpp.BytePointer(bytes)) {
            src.fill(1);
            dst.zero();
            double best = Double.MAX_VALUE;
            for (int i = 0; i <= repeats; i++) {
                long t0 = System.nanoTime();
                org.bytedeco.javacpp.Pointer.memcpy(dst, src, bytes);
                double t = (System.nanoTime() - t0) / 1e9;
                if (i > 0) {
                    best = Math.min(best, t);
                }
            }
            return 2.0 * bytes / best / 1e9;
        }
    }

    private double best(Backend be, Runnable op) {
        op.run();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            be.synchronize();
            long t0 = System.nanoTime();
            op.run();
            be.synchronize();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }
}
