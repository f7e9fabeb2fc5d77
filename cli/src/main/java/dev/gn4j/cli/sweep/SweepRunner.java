package dev.gn4j.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Runs a plan's unfinished trials on {@code workers} worker processes at a time, worker
 * w on device slot w mod |devices|. Trials already finished (summary.json with
 * "interrupted": false) are skipped; interrupted ones resume; failed ones are recorded
 * and the others go on. Prints a line per finished trial with k/N, its metric and an ETA.
 */
public final class SweepRunner {
    private final SweepPlan plan;
    private final Path dir;
    private final TrialLauncher launcher;
    private final int workers;
    private final List<DeviceSlot> devices;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;
    private final Object progressLock = new Object();
    private int done;
    private int ranThisTime;
    private long start;
    private boolean metricChecked;

    public SweepRunner(SweepPlan plan, Path dir, TrialLauncher launcher, int workers, List<DeviceSlot> devices, PrintStream out,
                       PrintStream err, boolean quiet) {
        this.plan = plan;
        this.dir = dir;
        this.launcher = launcher;
        this.workers = workers;
        this.devices = List.copyOf(devices);
        this.out = out;
        this.err = err;
        this.quiet = quiet;
    }

    /** Runs until every trial has been tried once or the interrupt stops the launching; returns the outcomes by trial index. */
    public List<TrialOutcome> run(SweepInterrupt stop) {
        int n = plan.trials().size();
        TrialOutcome[] outcomes = new TrialOutcome[n];
        Deque<Trial> queue = new ArrayDeque<>();
        for (Trial t : plan.trials()) {
            if (TrialFolder.of(dir, t).finished()) {
                outcomes[t.index()] = new TrialOutcome(t, TrialStatus.OK, 0, 0, "", false, false);
            } else {
                queue.add(t);
            }
        }
        done = n - queue.size();
        int threads = Math.min(workers, queue.size());
        if (!quiet && queue.isEmpty()) {
            out.println("sweep: all " + n + " trials finished earlier: nothing to run in " + dir);
        } else if (!quiet) {
            out.println("sweep: " + n + " trials" + (done > 0 ? " (" + done + " finished earlier, skipped)" : "") + ", "
                    + threads + " worker" + (threads == 1 ? "" : "s")
                    + (devices.isEmpty() ? "" : " on " + devices.stream().map(DeviceSlot::name).collect(Collectors.joining(", ")))
                    + " -> " + dir);
        }
        start = System.nanoTime();
        List<Thread> pool = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            DeviceSlot device = DeviceSlot.forWorker(devices, w);
            Thread t = new Thread(() -> work(queue, device, stop, outcomes), "gn4j-sweep-worker-" + w);
            pool.add(t);
            t.start();
        }
        for (Thread t : pool) {
            joinUninterruptibly(t);
        }
        for (Trial t : plan.trials()) {
            if (outcomes[t.index()] == null) { // never launched: Ctrl-C came first
                outcomes[t.index()] = new TrialOutcome(t, TrialFolder.of(dir, t).status(), -1, 0, "", false, false);
            }
        }
        return Arrays.asList(outcomes);
    }

    private void work(Deque<Trial> queue, DeviceSlot device, SweepInterrupt stop, TrialOutcome[] outcomes) {
        while (true) {
            Trial trial;
            synchronized (queue) {
                if (stop.requested() || queue.isEmpty()) {
                    return;
                }
                trial = queue.poll();
            }
            TrialOutcome o;
            try {
                o = launcher.run(trial, TrialFolder.of(dir, trial), device, stop);
            } catch (IOException | RuntimeException e) {
                // The folder could not be prepared (disk full, permissions): this trial fails, the sweep goes on.
                o = new TrialOutcome(trial, TrialStatus.FAILED, -1, 0, "the sweep could not prepare " + TrialFolder.of(dir, trial).dir()
                        + ": " + e.getMessage(), false, false);
                err.println("gn4j sweep: " + o.message());
            }
            outcomes[trial.index()] = o;
            report(o, stop);
        }
    }

    private void report(TrialOutcome o, SweepInterrupt stop) {
        synchronized (progressLock) {
            done++;
            ranThisTime++;
            int n = plan.trials().size();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%" + Integer.toString(n).length() + "d/%d] %s  ", done, n,
                    o.trial().id()));
            JsonNode summary = o.status() == TrialStatus.OK ? TrialFolder.of(dir, o.trial()).summary() : null;
            switch (o.status()) {
                case OK -> {
                    Double m = Leaderboard.metric(summary, plan.metric());
                    line.append(plan.metric()).append(' ').append(m != null ? OptionValues.shortDouble(m, 6) : "missing");
                    if (o.resumed()) {
                        line.append(" (resumed)");
                    }
                    if (!o.message().isEmpty()) {
                        line.append(" (then exit ").append(o.exitCode()).append(": ").append(o.message()).append(")");
                    }
                    warnOnceIfMetricMissing(summary);
                }
                case FAILED -> line.append("failed (exit ").append(o.exitCode()).append("): ").append(o.message());
                case INTERRUPTED -> line.append("interrupted with a checkpoint (resumes on the next run)");
                case PENDING -> line.append("stopped before its first checkpoint (starts again on the next run)");
            }
            line.append(String.format(Locale.ROOT, "  %.1f s", o.seconds()));
            double elapsed = (System.nanoTime() - start) / 1e9;
            int remaining = n - done;
            if (remaining > 0 && !stop.requested()) {
                // Finished trials per second of this run, with every worker busy: the rate already counts the parallelism.
                line.append("  ETA ").append(duration(elapsed / ranThisTime * remaining));
            }
            if (!quiet) {
                out.println(line);
            }
        }
    }

    /** The first finished trial tells whether the metric exists; say so now rather than after the whole sweep. */
    private void warnOnceIfMetricMissing(JsonNode summary) {
        if (metricChecked || summary == null) {
            return;
        }
        metricChecked = true;
        if (Leaderboard.metric(summary, plan.metric()) == null) {
            List<String> keys = new ArrayList<>();
            summary.fieldNames().forEachRemaining(k -> {
                if (Leaderboard.metric(summary, k) != null) {
                    keys.add(k);
                }
            });
            err.println("gn4j sweep: warning: the first finished trial's summary.json has no number '" + plan.metric()
                    + "' (it has " + String.join(", ", keys) + "); the trials cannot be ranked by it. "
                    + "Stop with Ctrl-C and fix metric:, or rank afterwards with gn4j sweep leaderboard --metric KEY.");
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
