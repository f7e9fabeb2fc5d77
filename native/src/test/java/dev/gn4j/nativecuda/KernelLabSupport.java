package dev.gn4j.nativecuda;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The kernel lab as the tests open it. Defaults: the AddressSanitizer build, serial
 * scheduling, and a small grid (3 blocks of 256 threads, 5 reduction partials) so that every
 * grid-stride loop and every reduction wraps. System properties change them:
 * {@code gn4j.kernelLab.sanitizer} = address | thread | none, {@code gn4j.kernelLab.parallel}
 * = true, {@code gn4j.kernelLab.grid} = small | h200 (132 multiprocessors, as the CUDA backend
 * sizes it there).
 */
final class KernelLabSupport {
    static final LaunchGrid SMALL = new LaunchGrid(LaunchGrid.THREADS, 3, 5, LaunchGrid.SUM_THREADS);

    private static Path executable;
    private static String buildError;

    private KernelLabSupport() {
    }

    static KernelLabBuild.Sanitizer sanitizer() {
        return KernelLabBuild.Sanitizer.valueOf(System.getProperty("gn4j.kernelLab.sanitizer", "address").toUpperCase(Locale.ROOT));
    }

    static LaunchGrid grid() {
        return "h200".equals(System.getProperty("gn4j.kernelLab.grid")) ? LaunchGrid.forMultiprocessors(132) : SMALL;
    }

    /** Why the lab cannot run here, or null when it can (the build is made once a JVM). */
    static synchronized String unavailableReason() {
        if (executable == null && buildError == null) {
            if (KernelLabBuild.compiler().isEmpty()) {
                buildError = "the kernel lab needs g++ (apt-get install g++) to run kernels/*.cu on the CPU";
            } else {
                executable = KernelLabBuild.build(sanitizer());
            }
        }
        return buildError;
    }

    /** A lab backend on a fresh lab process, or null when the lab cannot run here. */
    static LabBackend openOrNull() {
        if (unavailableReason() != null) {
            return null;
        }
        return new LabBackend(KernelLab.start(executable, grid(), Boolean.getBoolean("gn4j.kernelLab.parallel")));
    }
}
