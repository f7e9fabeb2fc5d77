package dev.gn4j.cli;

import dev.gn4j.cli.sweep.DeviceSlot;
import dev.gn4j.cli.sweep.SlurmScript;
import dev.gn4j.cli.sweep.SweepFileReader;
import dev.gn4j.cli.sweep.SweepInterrupt;
import dev.gn4j.cli.sweep.SweepLock;
import dev.gn4j.cli.sweep.SweepPlan;
import dev.gn4j.cli.sweep.SweepResults;
import dev.gn4j.cli.sweep.SweepRunner;
import dev.gn4j.cli.sweep.SweepSpec;
import dev.gn4j.cli.sweep.Trial;
import dev.gn4j.cli.sweep.TrialLauncher;
import dev.gn4j.cli.sweep.TrainOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sweep", sortOptions = false, mixinStandardHelpOptions = true,
        subcommands = {SweepCommandRunTrial.class, SweepCommandLeaderboard.class},
        description = {"Grid and random search over gn4j train's options: each trial a run folder, run by worker processes.",
                "Writes DIR/sweep.json (the plan), DIR/trials/<id>/, DIR/leaderboard.csv, DIR/best.yaml and DIR/top.png."},
        footer = {"", "The sweep file (YAML or JSON; keys of base, grid, random: train's flags):",
                "  base: {data: d.csv, target: y, model: 8-tanh, epochs: 2, device: cpu}",
                "  grid: {lr: [0.1, 1.0], lambda: [0.01, 1.0]}",
                "  random: {momentum: {uniform: [0, 0.95]}, lambda: {log-uniform: [1e-4, 10]}}",
                "  trials: 20                 # random draws, crossed with the grid",
                "  seeds: [1, 2, 3]",
                "  metric: final_train_loss   # a summary.json key (maximize: true for accuracy)",
                "Also {int-uniform: [1, 8]}, {choice: [a, b]}, sweep_seed: S (default 0),",
                "devices: [cpu, gpu:0, gpu:1], workers: N. A key in both grid and random is",
                "drawn (the grid values are ignored). More in docs/sweep.md.",
                "",
                "Examples:",
                "  gn4j sweep --config s.yaml --workers 2      (run again to continue it)",
                "  gn4j sweep --config s.yaml --devices gpu:0,gpu:0,gpu:1   (2 workers on GPU 0)",
                "  gn4j sweep --config s.yaml --dry-run        (write and list the plan)",
                "  gn4j sweep --config s.yaml --emit slurm --out /shared/sw1",
                "  gn4j sweep leaderboard --out /shared/sw1 [--metric final_val_loss]",
                "",
                "Ctrl-C stops launching trials; running ones finish their step, save and",
                "stop; the sweep exits 130. Exit codes: 0 at least one trial finished,",
                "2 usage error, 3 data error; no trial finished: the exit code all failed",
                "trials share (2-5), else 5; 130 interrupted."})
final class SweepCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Verbosity verbosity = new Verbosity();

    @Option(names = "--config", paramLabel = "FILE", description = "The sweep file (YAML, or JSON for a .json name).")
    Path config;

    @Option(names = "--workers", paramLabel = "N",
            description = "Trials run at once, each in its own JVM. Default: workers: in the file, else one per --devices entry, else 1.")
    Integer workers;

    @Option(names = "--out", paramLabel = "DIR", description = "The sweep folder. Default: sweeps/<sweep file name>, so the same command resumes.")
    Path out;

    @Option(names = "--devices", paramLabel = "LIST", split = ",",
            description = "Devices assigned to workers round-robin: cpu, auto, gpu, gpu:N (repeat one to share it). Overrides devices: in the file.")
    List<String> devices;

    @Option(names = "--dry-run", description = "Expand and check the sweep, write DIR/sweep.json and list the trials; run nothing.")
    boolean dryRun;

    @Option(names = "--emit", paramLabel = "slurm", description = "Write DIR/sweep.slurm, a Slurm job array with one task per trial, instead of running.")
    String emit;

    @Option(names = "--launcher", paramLabel = "CMD",
            description = "With --emit slurm: the command that starts gn4j on the cluster, e.g. /shared/gn4j/gn4j or 'java -jar /shared/gn4j.jar'. "
                    + "Default: this java and class path.")
    String launcher;

    @Override
    public Integer call() throws Exception {
        verbosity.apply();
        if (config == null) {
            throw new IllegalArgumentException("give the sweep file with --config FILE (its format: gn4j sweep --help)");
        }
        if (emit != null && !emit.equalsIgnoreCase("slurm")) {
            throw new IllegalArgumentException("--emit takes 'slurm', got '" + emit + "'");
        }
        if (launcher != null && emit == null) {
            throw new IllegalArgumentException("--launcher goes with --emit slurm: it is the command the Slurm tasks run");
        }
        TrainOptions train = new SweepCommandTrainOptions();
        SweepSpec spec = SweepFileReader.read(config, train);
        List<DeviceSlot> slots;
        try {
            slots = devices != null ? DeviceSlot.parseAll(devices) : spec.devices();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
        int w = workers != null ? workers : spec.workers() != null ? spec.workers() : Math.max(1, slots.size());
        if (w < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + w);
        }
        SweepPlan plan = SweepPlan.expand(spec, train).withDevices(slots.stream().map(DeviceSlot::name).toList());
        for (String note : plan.notes()) {
            System.err.println("gn4j sweep: note: " + note);
        }
        // A trial that sets its own --threads (threads: in the file) needs no advice.
        boolean unthreaded = plan.trials().stream().anyMatch(t -> t.options().get("threads") == null);
        String threads = threadsNote(w, Runtime.getRuntime().availableProcessors(), System.getenv("OPENBLAS_NUM_THREADS"),
                unthreaded && (slots.isEmpty() ? plan.trials().stream().anyMatch(t -> !"gpu".equals(deviceFlag(t.options().get("device"))))
                        : slots.stream().anyMatch(s -> !"gpu".equals(s.flag()))));
        if (threads != null) {
            System.err.println("gn4j sweep: note: " + threads);
        }
        Path dir = out != null ? out : Path.of("sweeps", stem(config));
        Path planFile = dir.resolve("sweep.json");
        if (Files.exists(planFile)) {
            String diff = SweepPlan.read(planFile).firstDifference(plan);
            if (diff != null) {
                throw new IllegalArgumentException(dir + " holds a different sweep (" + diff + "); choose another --out, or delete "
                        + dir + " to start over");
            }
        }
        Files.createDirectories(dir);
        plan.write(planFile);
        if (dryRun) {
            printPlan(plan, spec, planFile, w, slots);
            return Main.OK;
        }
        if (emit != null) {
            Path script = SlurmScript.write(plan, dir, launcher != null ? launcher : SlurmScript.defaultLauncher());
            System.out.println("wrote " + script + ": a Slurm job array of " + plan.trials().size() + " tasks, one trial each.");
            System.out.println("Edit its #SBATCH lines (partition, time, GPUs), then submit it:");
            System.out.println("  sbatch " + script);
            System.out.println("When the array is done, build the leaderboard from the shared folder:");
            System.out.println("  gn4j sweep leaderboard --out " + dir.toAbsolutePath().normalize());
            return Main.OK;
        }
        TrialLauncher trialLauncher = TrialLauncher.forSweep();
        boolean interrupted;
        try (dev.gn4j.engine.io.FolderLock lock = SweepLock.acquire(dir);
             SweepInterrupt stop = SweepInterrupt.install(trialLauncher.forwardsSignals(), System.err)) {
            new SweepRunner(plan, dir, trialLauncher, w, slots, System.out, System.err, verbosity.quiet).run(stop);
            interrupted = stop.requested();
        }
        if (interrupted) {
            try {
                SweepResults.publish(plan, dir, SweepResults.TABLE_ROWS, System.out, System.err);
            } catch (IllegalArgumentException e) {
                System.err.println("gn4j sweep: " + e.getMessage());
            }
            System.out.println("interrupted: run the same command again to finish the sweep "
                    + "(finished trials are skipped, interrupted ones resume from their checkpoint)");
            return Main.INTERRUPTED;
        }
        return SweepResults.publish(plan, dir, SweepResults.TABLE_ROWS, System.out, System.err);
    }

    private static void printPlan(SweepPlan plan, SweepSpec spec, Path planFile, int workers, List<DeviceSlot> slots) {
        System.out.printf(Locale.ROOT, "%d trials (%s%d random draw%s × %d seed%s); would run %d at a time%s; plan: %s%n",
                plan.trials().size(),
                spec.grid().isEmpty() ? "" : spec.grid().values().stream().map(v -> Integer.toString(v.size())).collect(Collectors.joining("×"))
                        + " grid points × ",
                spec.trials(), spec.trials() == 1 ? "" : "s", Math.max(1, spec.seeds().size()), spec.seeds().size() > 1 ? "s" : "",
                workers, slots.isEmpty() ? "" : " on " + slots.stream().map(DeviceSlot::name).collect(Collectors.joining(", ")), planFile);
        for (Trial t : plan.trials()) {
            StringBuilder sb = new StringBuilder("  ").append(t.id());
            for (Map.Entry<String, Object> e : t.swept().entrySet()) {
                sb.append("  ").append(e.getKey()).append('=').append(e.getValue());
            }
            System.out.println(sb);
        }
    }

    /** The sweep file's name without its extension: the default folder name. */
    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Several CPU workers each start OpenBLAS with a thread per core; with more threads than cores they wait on each
     * other (a small-network run measured 2.5× slower beside one other busy process). The sweep does not set the
     * thread count itself: a different count changes results in the last bit, so a trial would no longer repeat exactly.
     */
    /** cpu, auto or gpu for a trial's device option (absent: train's default, auto). */
    static String deviceFlag(Object device) {
        try {
            return device == null ? "auto" : DeviceSlot.parse(device.toString()).flag();
        } catch (IllegalArgumentException e) {
            return "auto"; // train itself reports a bad device
        }
    }

    static String threadsNote(int workers, int cores, String openblasThreads, boolean cpuTrials) {
        if (workers <= 1 || openblasThreads != null || !cpuTrials) {
            return null;
        }
        int share = Math.max(1, cores / workers);
        return workers + " workers share " + cores + " cores and each CPU trial's BLAS would use all of them; give each its "
                + "share with 'threads: " + share + "' in the sweep file (or OPENBLAS_NUM_THREADS=" + share + "), and repeat a "
                + "trial with the same count to reproduce it bit for bit";
    }
}
