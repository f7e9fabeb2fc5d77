package dev.gn4j.nativecuda;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;

/** What the gpu-tagged tests share: opening the CUDA backend (or skipping) and the comparison rule. */
final class GpuTestSupport {
    /** Relative tolerances of the CUDA-vs-CPU comparisons, by dtype (see native/README.md). */
    static final double F32_TOL = 1e-5;
    static final double F64_TOL = 1e-12;
    /** Factorizations and solves lose cond(A)·ε; the test matrices are well conditioned. */
    static final double F32_SOLVE_TOL = 1e-4;
    static final double F64_SOLVE_TOL = 1e-10;
    /** Scalar reductions accumulate in double on both sides, so only the summation order differs. */
    static final double SUM_TOL = 1e-10;

    private GpuTestSupport() {
    }

    /**
     * Set to true to dry-run the gpu-tagged tests with a second CpuBackend standing in for the GPU:
     * it exercises the tests' own logic (shapes, views, tolerances) on a machine without a GPU.
     * Tests of CUDA-only behaviour skip themselves then.
     */
    static final String DRY_RUN = "gn4j.gpuTests.dryRunOnCpu";

    /** The CUDA backend opened on this thread, or null when the provider says it cannot run here. */
    static Backend openIfAvailable() {
        if (Boolean.getBoolean(DRY_RUN)) {
            return new dev.gn4j.engine.backend.cpu.CpuBackend();
        }
        CudaBackendProvider p = new CudaBackendProvider();
        return p.unavailableReason() == null ? p.open() : null;
    }

    /** Skips a test that checks CUDA-only behaviour during a dry run on the CPU. */
    static void requireCuda(Backend gpu) {
        assumeTrue(gpu instanceof CudaBackend, () -> "the backend under test is " + gpu.name() + ", not CUDA: CUDA-only behaviour not checked");
    }

    /** Skips a test (visibly, one by one) when there is no backend, with the provider's reason. */
    static void requireGpu(Backend gpu) {
        assumeTrue(gpu != null, () -> "no usable GPU: " + new CudaBackendProvider().unavailableReason());
    }

    static double tol(DType t) {
        return t == DType.F64 ? F64_TOL : F32_TOL;
    }

    static double solveTol(DType t) {
        return t == DType.F64 ? F64_SOLVE_TOL : F32_SOLVE_TOL;
    }

    /** ‖gpu − cpu‖₂ / ‖cpu‖₂ (absolute when cpu is all zeros). */
    static double relativeError(double[] gpu, double[] cpu) {
        if (gpu.length != cpu.length) {
            return Double.POSITIVE_INFINITY;
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < cpu.length; i++) {
            double d = gpu[i] - cpu[i];
            num += d * d;
            den += cpu[i] * cpu[i];
        }
        return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
    }

    static void assertClose(double[] gpu, double[] cpu, double tol, String what) {
        double err = relativeError(gpu, cpu);
        assertTrue(err <= tol, what + ": relative error " + err + " > " + tol);
    }

    /** |gpu − cpu| ≤ tol · scale, scale being the sum of the absolute terms (no cancellation excuse). */
    static void assertScalar(double gpu, double cpu, double scale, double tol, String what) {
        assertTrue(Math.abs(gpu - cpu) <= tol * Math.max(scale, Double.MIN_NORMAL),
                what + ": gpu " + gpu + " vs cpu " + cpu + " (scale " + scale + ", tolerance " + tol + ")");
    }
}
