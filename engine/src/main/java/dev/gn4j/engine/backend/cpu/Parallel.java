package dev.gn4j.engine.backend.cpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Data parallelism for the Java kernels that keeps results independent of thread
 * timing: a kernel cuts its work into parts whose bounds depend only on the problem
 * size (never on which thread runs them), each output element belongs to exactly
 * one part, and a reduction combines per-part results in part order. The
 * exact-resume tests compare float64 weights bit for bit between runs, so nothing
 * here may depend on which thread finishes first.
 *
 * <p>Parts are claimed from a shared counter by the calling thread and by helpers
 * from a small fixed pool (one fewer than the cores). The caller never waits for a
 * helper that has not started: on this 2-vCPU VM the second core is often busy with
 * other work, and then the caller simply runs every part itself.
 */
final class Parallel {
    /** Threads the Java kernels start with: {@code -Dgn4j.cpu.threads=N}, else OpenBLAS's OPENBLAS_NUM_THREADS, else the cores. */
    static final int INITIAL_THREADS = Math.max(1, Integer.getInteger("gn4j.cpu.threads",
            threadsFromEnvironment(System.getenv("OPENBLAS_NUM_THREADS"), Runtime.getRuntime().availableProcessors())));

    static int threadsFromEnvironment(String openblasThreads, int cores) {
        if (openblasThreads != null) {
            try {
                int n = Integer.parseInt(openblasThreads.strip());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // OpenBLAS ignores a value it cannot read too.
            }
        }
        return cores;
    }

    /**
     * Element operations per part below which splitting does not pay. Measured on the
     * 2-vCPU development VM, quiet, with a load-add-store loop: two parts of 2^16 steps
     * took 99–120 µs where one thread did all 2^17 in 69–71 µs; two parts of 2^17 about
     * broke even (148–152 against 136–140 µs); two of 2^18 won (220 against 276 µs).
     * The second vCPU there adds about 25% for compute-bound loops and more for
     * memory-bound ones (gramAccumulate at m = 1280: 0.62 against 1.03 ms).
     */
    static final long MIN_PART_WORK = 1L << 17;

    /** Parts per thread: more parts than threads lets the caller absorb a helper that starts late. */
    private static final int PARTS_PER_THREAD = 4;

    /** The thread count and its helpers (one fewer), replaced whole by {@link #setThreads} so a kernel sees one or the other. */
    private record Workers(int threads, ExecutorService pool) {
        static Workers of(int threads) {
            return new Workers(threads, threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
                Thread t = new Thread(r, "gn4j-cpu-kernel");
                t.setDaemon(true);
                return t;
            }) : null);
        }
    }

    private static volatile Workers workers = Workers.of(INITIAL_THREADS);

    /** Threads the Java kernels use now. */
    static int threads() {
        return workers.threads();
    }

    /**
     * Uses n threads from the next kernel on (--threads). The parts a kernel is cut into depend on
     * the count, so results are reproducible for a fixed count, not across counts.
     */
    static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        Workers old = workers;
        if (old.threads() == n) {
            return;
        }
        workers = Workers.of(n);
        if (old.pool() != null) {
            old.pool().shutdown(); // its running parts finish; it takes no more
        }
    }

    private static final ThreadLocal<Boolean> IN_POOL = ThreadLocal.withInitial(() -> false);

    private Parallel() {
    }

    /** One part of a kernel's work. */
    @FunctionalInterface
    interface Part {
        void run(int part);
    }

    /** How many parts to cut {@code work} element operations into: 1 when small. */
    static int parts(long work) {
        int threads = threads();
        if (threads == 1) {
            return 1;
        }
        return (int) Math.max(1, Math.min((long) threads * PARTS_PER_THREAD, work / MIN_PART_WORK));
    }

    /** Runs parts 0..parts−1 and returns when all are done; the first failure is rethrown. */
    static void run(int parts, Part body) {
        Workers w = workers;
        if (parts <= 1 || w.pool() == null || IN_POOL.get()) {
            for (int p = 0; p < parts; p++) {
                body.run(p);
            }
            return;
        }
        Job job = new Job(parts, body, Thread.currentThread());
        for (int h = 0; h < Math.min(w.threads() - 1, parts - 1); h++) {
            w.pool().execute(() -> {
                IN_POOL.set(true);
                job.work();
            });
        }
        job.work();
        job.await();
        Throwable failure = job.failure.get();
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private static final class Job {
        private final int parts;
        private final Part body;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int parts, Part body, Thread caller) {
            this.parts = parts;
            this.body = body;
            this.caller = caller;
        }

        /** Claims and runs parts until none is left. */
        void work() {
            int p;
            while ((p = next.getAndIncrement()) < parts) {
                try {
                    if (failure.get() == null) {
                        body.run(p);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    if (done.incrementAndGet() == parts) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        /** Waits (ignoring interrupts, which are restored) until every part has finished. */
        void await() {
            boolean interrupted = false;
            while (done.get() < parts) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                caller.interrupt();
            }
        }
    }

    /** Start of part p when [0, n) is cut into {@code parts} near-equal contiguous ranges. */
    static int bound(int n, int parts, int p) {
        return (int) ((long) n * p / parts);
    }

    /**
     * Cut points of units [0, units) into parts of about equal total cost (unit u costs
     * {@code cost.applyAsDouble(u)}), for triangular loops where a plain split would
     * give one thread most of the work. Returns parts + 1 nondecreasing bounds.
     */
    static int[] balancedBounds(int units, java.util.function.IntToDoubleFunction cost, int parts) {
        double total = 0;
        for (int u = 0; u < units; u++) {
            total += cost.applyAsDouble(u);
        }
        int[] b = new int[parts + 1];
        b[parts] = units;
        int u = 0;
        double done = 0;
        for (int p = 1; p < parts; p++) {
            double target = total * p / parts;
            while (u < units && done + cost.applyAsDouble(u) / 2 < target) {
                done += cost.applyAsDouble(u);
                u++;
            }
            b[p] = u;
        }
        return b;
    }
}
