package dev.gn4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import java.util.SplittableRandom;

/**
 * The same random matrix on the typed backend and on the scalar reference
 * ({@code CpuBackend(true)}, what {@code -Dgn4j.cpu.scalar=true} selects), each a view
 * at an offset inside a larger parent whose other elements are random too, so a
 * kernel that writes outside its view, or reads the wrong offset, shows up.
 */
final class Twins {
    static final CpuBackend FAST = new CpuBackend(false);
    static final CpuBackend REF = new CpuBackend(true);

    final Mat fast;
    final Mat ref;
    private final Mat fastParent;
    private final Mat refParent;

    private Twins(Mat fastParent, Mat refParent, long offset, int rows, int cols) {
        this.fastParent = fastParent;
        this.refParent = refParent;
        this.fast = fastParent.view(offset, rows, cols);
        this.ref = refParent.view(offset, rows, cols);
    }

    /** rows×cols of N(0, scale²) values at a random offset (0..7) inside a parent with a random tail. */
    static Twins random(SplittableRandom rng, int rows, int cols, DType dt, double scale) {
        int offset = rng.nextInt(8);
        int tail = rng.nextInt(8);
        int n = offset + rows * cols + tail;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian() * scale;
        }
        return of(v, offset, rows, cols, dt);
    }

    /** The given parent contents (column-major), viewed from offset. */
    static Twins of(double[] parent, int offset, int rows, int cols, DType dt) {
        Mat f = FAST.zeros(parent.length, 1, dt);
        Mat r = REF.zeros(parent.length, 1, dt);
        REF.upload(parent, r);
        REF.upload(parent, f); // identical bits in both; the typed upload is tested on its own
        return new Twins(f, r, offset, rows, cols);
    }

    /** Integer class labels 0..c−1 as a b×1 matrix. */
    static Twins labels(SplittableRandom rng, int b, int c, DType dt) {
        double[] v = new double[b + 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextInt(c);
        }
        return of(v, 3, b, 1, dt);
    }

    double[] fastAll() {
        return REF.download(fastParent);
    }

    double[] refAll() {
        return REF.download(refParent);
    }

    /** The whole parents agree bit for bit: the view's results and everything around it. */
    void assertSame(String what) {
        assertArrayEquals(refAll(), fastAll(), 0.0, what);
    }

    /**
     * The parents agree within {@code ulps} units in the last place, in the matrix's own
     * dtype (float ulps for F32), of max(|reference|, floor): floor 0 for a relative
     * bound (tanh itself), 1 where a function of tanh can cancel (GELU near −∞).
     */
    void assertWithinUlps(double ulps, double floor, String what) {
        double[] r = refAll(), f = fastAll();
        boolean f32 = fast.dtype() == DType.F32;
        for (int i = 0; i < r.length; i++) {
            double mag = Math.max(Math.abs(r[i]), floor);
            double u = f32 ? Math.ulp((float) mag) : Math.ulp(mag);
            double err = Math.abs(r[i] - f[i]);
            boolean ok = r[i] == f[i] || (Double.isNaN(r[i]) && Double.isNaN(f[i])) || err <= ulps * u;
            assertTrue(ok, what + ": element " + i + " ref " + r[i] + " fast " + f[i] + " (" + err / u + " ulps)");
        }
    }
}
