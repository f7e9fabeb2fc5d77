package dev.gn4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** --threads reaches OpenBLAS (through its own symbol) and the Java kernels, and a fixed count repeats its bits. */
class CpuThreadsTest {
    @AfterEach
    void restore() {
        CpuThreads.use(CpuThreads.defaultCount());
    }

    @Test
    void openblasAndTheKernelsTakeTheCountAskedFor() {
        for (int n : new int[] {1, 3, 2}) {
            CpuThreads.use(n);
            assertEquals(n, CpuThreads.blas(), "OpenBLAS's own count, read back");
            assertEquals(n, CpuThreads.kernels());
            assertEquals(n, Parallel.threads());
        }
        assertThrows(IllegalArgumentException.class, () -> CpuThreads.use(0));
        CpuThreads.use(1);
        String description = new CpuBackend().description();
        org.junit.jupiter.api.Assertions.assertTrue(description.contains("threads 1; Java kernels on 1 thread"), description);
    }

    @Test
    void aFixedCountGivesTheSameBitsEveryTime() {
        CpuBackend be = new CpuBackend();
        int m = 1200, d = 300;
        double[] g = new Random(5).doubles((long) m * d).toArray();
        for (int n : new int[] {1, 2}) {
            CpuThreads.use(n);
            double[] first = gram(be, g, m, d);
            assertArrayEquals(first, gram(be, g, m, d), n + " threads, twice");
        }
    }

    /** K from a GEMM-based SYRK and a Java kernel cut into parts by the thread count (gramAccumulate). */
    private static double[] gram(CpuBackend be, double[] values, int m, int d) {
        Mat g = be.zeros(m, d, DType.F64);
        be.upload(values, g);
        Mat gg = be.zeros(m, m, DType.F64);
        be.syrk(1, g, 0, gg);
        Mat aa = be.zeros(m, m, DType.F64);
        be.syrk(0.5, g, 0, aa);
        Mat k = be.zeros(m, m, DType.F64);
        be.gramAccumulate(gg, aa, 1, k);
        return be.download(k);
    }
}
