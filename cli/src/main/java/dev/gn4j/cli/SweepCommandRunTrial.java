package dev.gn4j.cli;

import dev.gn4j.cli.sweep.DeviceSlot;
import dev.gn4j.cli.sweep.SweepInterrupt;
import dev.gn4j.cli.sweep.SweepPlan;
import dev.gn4j.cli.sweep.Trial;
import dev.gn4j.cli.sweep.TrialFolder;
import dev.gn4j.cli.sweep.TrialLauncher;
import dev.gn4j.cli.sweep.TrialOutcome;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run-trial", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Run one trial of a planned sweep, as each task of 'gn4j sweep --emit slurm' does: nothing if it has "
                + "finished, a resume if it has a checkpoint, else a fresh run into DIR/trials/<id>.",
        footer = {"", "Exit codes: 0 finished (now or before), the trial's own exit code if it failed, 130 interrupted."})
final class SweepCommandRunTrial implements Callable<Integer> {
    @CommandLine.Mixin
    Verbosity verbosity = new Verbosity();

    @Option(names = "--plan", required = true, paramLabel = "DIR/sweep.json", description = "The plan written by gn4j sweep.")
    Path plan;

    @Option(names = "--index", required = true, paramLabel = "I", description = "The trial's index in the plan (the array task id).")
    int index;

    @Option(names = "--device", paramLabel = "DEVICE", description = "cpu, auto, gpu or gpu:N for this trial (default: the trial's options).")
    String device;

    @Override
    public Integer call() throws Exception {
        verbosity.apply();
        SweepPlan p = SweepPlan.read(plan);
        int n = p.trials().size();
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException("--index " + index + " is out of range: the plan " + plan + " has " + n + " trials (0-" + (n - 1) + ")");
        }
        DeviceSlot slot;
        try {
            slot = device == null ? null : DeviceSlot.parse(device);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--device: " + e.getMessage().replaceFirst("^devices: ", ""), e);
        }
        Trial trial = p.trials().get(index);
        TrialFolder folder = TrialFolder.of(plan.toAbsolutePath().normalize().getParent(), trial);
        if (folder.finished()) {
            System.out.println("trial " + trial.id() + " has already finished: nothing to do");
            return Main.OK;
        }
        TrialOutcome o;
        try (SweepInterrupt stop = SweepInterrupt.install(false, System.err)) {
            o = TrialLauncher.forSingleTrial().run(trial, folder, slot, stop);
        }
        switch (o.status()) {
            case OK -> {
                System.out.println("trial " + trial.id() + (o.resumed() ? " resumed and" : "") + " finished: " + folder.dir());
                return Main.OK;
            }
            case FAILED -> {
                System.err.println("gn4j: trial " + trial.id() + " failed (exit " + o.exitCode() + "): " + o.message()
                        + "; see " + folder.dir().resolve("error.txt"));
                return o.exitCode() >= 1 && o.exitCode() <= 255 ? o.exitCode() : 1;
            }
            default -> {
                System.out.println("trial " + trial.id() + " stopped; running this command again resumes it");
                return Main.INTERRUPTED;
            }
        }
    }
}
