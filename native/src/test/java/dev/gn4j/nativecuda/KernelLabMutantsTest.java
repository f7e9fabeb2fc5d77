package dev.gn4j.nativecuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab catches what it is there to catch: each test plants one bug in a copy of
 * kernels/elementwise.cu or common.cuh (an off-by-one index, a missing barrier, a partial
 * shuffle mask, a barrier one thread skips), builds a lab of that module alone and shows
 * the failure the contract tests would report. The unmodified copy passes the same checks.
 */
class KernelLabMutantsTest {
    private static final Path OUT = Path.of("target", "kernel-lab", "mutants");

    @TempDir
    Path dir;

    @BeforeAll
    static void requireCompiler() {
        assumeTrue(KernelLabBuild.compiler().isPresent(), "the kernel lab needs g++ (apt-get install g++)");
    }

    /** A lab of elementwise.cu with {@code from} replaced once by {@code to} in {@code file}, and the backend on it. */
    private LabBackend mutant(String file, String from, String to) throws IOException {
        for (String f : new String[] {"elementwise.cu", "common.cuh"}) {
            String text = Files.readString(KernelLabBuild.KERNELS.resolve(f));
            if (f.equals(file)) {
                int at = text.indexOf(from);
                assertTrue(at >= 0, "the planted bug's anchor is not in " + f + ": " + from);
                text = text.substring(0, at) + to + text.substring(at + from.length());
            }
            Files.writeString(dir.resolve(f), text);
        }
        Path exe = KernelLabBuild.build(KernelLabBuild.Sanitizer.ADDRESS, dir, OUT);
        return new LabBackend(KernelLab.start(exe, KernelLabSupport.SMALL, false));
    }

    private static double[] ramp(int n) {
        double[] x = new double[n];
        Arrays.setAll(x, i -> 0.5 + (i % 17));
        return x;
    }

    /** The column sums of a 300×5 matrix on a lab backend, against the exact sums. */
    private static void columnSumsAreExact(LabBackend lab) {
        Mat m = lab.zeros(300, 5, DType.F64);
        double[] x = ramp(1500);
        lab.upload(x, m);
        Mat out = lab.zeros(5, 1, DType.F64);
        lab.columnSums(1, m, 0, out);
        double[] expected = new double[5];
        for (int i = 0; i < x.length; i++) {
            expected[i / 300] += x[i];
        }
        assertArrayEqualsExactly(expected, lab.download(out));
    }

    private static double dotOf4099(LabBackend lab) {
        Mat x = lab.zeros(4099, 1, DType.F64);
        lab.upload(ramp(4099), x);
        return lab.dot(x, x);
    }

    private static void assertArrayEqualsExactly(double[] expected, double[] actual) {
        assertEquals(Arrays.toString(expected), Arrays.toString(actual));
    }

    private void withLab(LabBackend lab, Consumer<LabBackend> body) {
        try (lab) {
            body.accept(lab);
        }
    }

    @Test
    void theUnmodifiedSourcesPass() throws IOException {
        withLab(mutant("elementwise.cu", "", ""), lab -> {
            columnSumsAreExact(lab);
            double expected = Arrays.stream(ramp(4099)).map(v -> v * v).sum();
            assertEquals(expected, dotOf4099(lab), 1e-9 * expected);
        });
    }

    @Test
    void anOffByOneReadPastTheMatrixIsAnAddressSanitizerReport() throws IOException {
        withLab(mutant("elementwise.cu", "for (int i = threadIdx.x; i < rows; i += blockDim.x)",
                "for (int i = threadIdx.x; i <= rows; i += blockDim.x)"), lab -> {
            KernelLab.Failure f = assertThrows(KernelLab.Failure.class, () -> columnSumsAreExact(lab));
            assertTrue(f.getMessage().contains("heap-buffer-overflow"), f.getMessage());
            assertTrue(f.getMessage().contains("column_sums"), f.getMessage());
        });
    }

    @Test
    void aMissingBarrierIsAWrongResultOnEveryRun() throws IOException {
        // The first barrier of gn4j_block_sum: warp 0 then reads the other warps' sums before they are written.
        withLab(mutant("common.cuh", "    __syncthreads();\n    const int warps", "    const int warps"), lab -> {
            assertTrue(Double.isNaN(dotOf4099(lab)), "shared memory is poisoned with NaN before every block");
            assertThrows(AssertionError.class, () -> columnSumsAreExact(lab));
        });
    }

    @Test
    void aPartialShuffleMaskStopsTheLab() throws IOException {
        withLab(mutant("common.cuh", "__shfl_down_sync(0xffffffffu", "__shfl_down_sync(0x0000ffffu"), lab -> {
            KernelLab.Failure f = assertThrows(KernelLab.Failure.class, () -> dotOf4099(lab));
            assertTrue(f.getMessage().contains("partial mask"), f.getMessage());
        });
    }

    @Test
    void aBarrierOneThreadSkipsStopsTheLab() throws IOException {
        withLab(mutant("common.cuh", "    v = gn4j_warp_sum(v);\n", "    if (threadIdx.x == 7) return 0.0;\n    v = gn4j_warp_sum(v);\n"),
                lab -> {
                    KernelLab.Failure f = assertThrows(KernelLab.Failure.class, () -> dotOf4099(lab));
                    assertTrue(f.getMessage().contains("returned"), f.getMessage());
                });
    }
}
