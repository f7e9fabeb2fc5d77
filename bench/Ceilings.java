import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.backend.cpu.CpuBackend;

/**
 * This machine's BLAS ceilings through gn4j's CPU backend: GEMM 2048³, SYRK 1280×256
 * and POTRF 1280 (the sizes of a batch-128, 10-class EGN step), best of 6.
 * Run: java -cp cli/target/gn4j.jar bench/Ceilings.java
 * `gn4j bench` measures its own GEMM and copy ceilings on every device (CeilingProbe,
 * docs/bench.md); this probe adds the SYRK and POTRF rates behind docs/cpu-step-timing.md.
 */
public class Ceilings {
    public static void main(String[] args) {
        Backend be = new CpuBackend();
        int n = 2048, m = 1280, k = 256;
        double[] r = new java.util.Random(1).doubles((long) n * n).toArray();
        for (DType dt : DType.values()) {
            Mat x = be.zeros(n, n, dt), y = be.zeros(n, n, dt), z = be.zeros(n, n, dt);
            be.upload(r, x);
            be.upload(r, y);
            double t = best(() -> be.gemm(false, true, 1, x, y, 0, z));
            System.out.printf("gemm  %s %d^3:      %6.1f GFLOP/s%n", dt, n, 2.0 * n * n * n / t / 1e9);
            Mat g = be.zeros(m, k, dt), s = be.zeros(m, m, dt), w = be.zeros(m, m, dt);
            be.upload(java.util.Arrays.copyOf(r, m * k), g);
            t = best(() -> be.syrk(1, g, 0, s));
            System.out.printf("syrk  %s %dx%d:  %6.1f GFLOP/s%n", dt, m, k, 1.0 * m * m * k / t / 1e9);
            be.addDiagonal(s, m);
            double[] tf = {Double.MAX_VALUE};
            for (int i = 0; i < 6; i++) {
                be.copy(s, w);
                long t0 = System.nanoTime();
                if (be.cholesky(w) != 0) {
                    throw new IllegalStateException("potrf failed");
                }
                tf[0] = Math.min(tf[0], (System.nanoTime() - t0) / 1e9);
            }
            System.out.printf("potrf %s %d:        %6.1f GFLOP/s (%.1f ms)%n", dt, m, 1.0 * m * m * m / 3 / tf[0] / 1e9, tf[0] * 1e3);
        }
    }

    private static double best(Runnable op) {
        double b = Double.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            long t0 = System.nanoTime();
            op.run();
            b = Math.min(b, (System.nanoTime() - t0) / 1e9);
        }
        return b;
    }
}
