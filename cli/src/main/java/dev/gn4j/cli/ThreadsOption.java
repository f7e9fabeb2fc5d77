package dev.gn4j.cli;

import dev.gn4j.engine.backend.cpu.CpuThreads;
import picocli.CommandLine.Option;

/** --threads: the CPU backend's threads, OpenBLAS's and gn4j's own loops' together (a picocli mixin). */
final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N",
            description = "Threads of the CPU backend, for BLAS and gn4j's own loops. Results are reproducible for a fixed "
                    + "count. On a machine other work shares, or with several runs at once, fewer threads keep a step from "
                    + "waiting on a busy core. Default: OPENBLAS_NUM_THREADS where set, else the cores.")
    Integer threads;

    /** Sets the count asked for, before anything runs; none asked for leaves the default. */
    void apply() {
        if (threads == null) {
            return;
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        try {
            CpuThreads.use(threads);
        } catch (IllegalStateException | LinkageError e) {
            // A speed setting, not a result: say so and go on with what OpenBLAS has.
            System.err.println("gn4j: warning: --threads " + threads + " could not be set for OpenBLAS (" + e.getMessage()
                    + "); it keeps its own count");
        }
    }
}
