package dev.gn4j.cli.sweep;

import dev.gn4j.engine.io.FolderLock;
import dev.gn4j.engine.train.Trainer;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one trial as a worker process: a child JVM running
 * {@code gn4j train --config DIR/trials/<id>/trial.json --out DIR/trials/<id>}, or
 * {@code gn4j train --resume DIR/trials/<id>} when the folder holds a checkpoint, with
 * {@code --device} from the worker's device slot. Its stdout and stderr go to stdout.log
 * and stderr.log in the folder; a non-zero exit other than an interruption is recorded in
 * error.txt. Trials run in separate JVMs so that a crash, a native fault or an
 * out-of-memory in one cannot take the sweep down.
 */
public final class TrialLauncher {
    /** Exit codes of a worker that stopped on Ctrl-C / SIGTERM: gn4j train's 130, or a JVM killed by SIGTERM before gn4j installed its handler. */
    private static final List<Integer> INTERRUPTED_CODES = List.of(130, 143, 129);
    private static final long WRITER_POLL_MILLIS = 200;

    private final List<String> gn4j;
    private final boolean ownSession;

    TrialLauncher(List<String> gn4j, boolean ownSession) {
        this.gn4j = List.copyOf(gn4j);
        this.ownSession = ownSession;
    }

    /** For a sweep: each worker in its own session (via setsid where there is one), so that the sweep alone decides when it stops. */
    public static TrialLauncher forSweep() {
        Path setsid = JavaCommand.setsid();
        List<String> cmd = new ArrayList<>();
        if (setsid != null) {
            cmd.add(setsid.toString());
        }
        cmd.addAll(JavaCommand.gn4j());
        return new TrialLauncher(cmd, setsid != null);
    }

    /** For one trial under a scheduler: the worker shares this process's group and gets the scheduler's signals itself. */
    public static TrialLauncher forSingleTrial() {
        return new TrialLauncher(JavaCommand.gn4j(), false);
    }

    /** Whether the sweep must pass Ctrl-C on to the workers (they are not in the terminal's process group). */
    public boolean forwardsSignals() {
        return ownSession;
    }

    /** A worker's command line and the variables added to its environment. */
    record Launch(List<String> command, Map<String, String> environment) {
    }

    Launch launch(TrialFolder folder, DeviceSlot device, boolean resume) {
        List<String> cmd = new ArrayList<>(gn4j);
        cmd.add("train");
        Path dir = folder.dir().toAbsolutePath();
        if (resume) {
            cmd.addAll(List.of("--resume", dir.toString()));
        } else {
            cmd.addAll(List.of("--config", dir.resolve(TrialFolder.TRIAL_JSON).toString(), "--out", dir.toString()));
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (device != null) {
            cmd.addAll(List.of("--device", device.flag()));
            if (device.visible() != null) {
                env.put("CUDA_VISIBLE_DEVICES", device.visible());
            }
        }
        return new Launch(cmd, env);
    }

    /** Runs the trial (fresh, or resumed from its checkpoint) and waits for it; the interrupt may stop it early. */
    public TrialOutcome run(Trial trial, TrialFolder folder, DeviceSlot device, SweepInterrupt stop) throws IOException {
        // A worker of an earlier sweep may still be saving here (its sweep was killed): the trial is its until it exits.
        if (!awaitNoWriter(trial, folder, stop)) {
            return new TrialOutcome(trial, folder.status(), -1, 0, "", false, false);
        }
        if (folder.finished()) { // by that earlier worker, while this sweep waited
            return new TrialOutcome(trial, TrialStatus.OK, 0, 0, "", false, false);
        }
        boolean resume = folder.resumable();
        if (resume) {
            folder.prepareResume(trial);
        } else {
            folder.prepareFresh(trial);
        }
        Launch launch = launch(folder, device, resume);
        ProcessBuilder pb = new ProcessBuilder(launch.command())
                .redirectOutput(Redirect.appendTo(folder.dir().resolve(TrialFolder.STDOUT).toFile()))
                .redirectError(Redirect.appendTo(folder.dir().resolve(TrialFolder.STDERR).toFile()));
        pb.environment().putAll(launch.environment());
        // The worker's lifeline (ParentWatch): it stops and saves if this sweep dies, however it dies.
        pb.environment().put("GN4J_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        String deviceName = device == null ? "as in the options" : device.name();
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            String message = "the worker could not start: " + e.getMessage();
            new TrialFailure(-1, resume, deviceName, JavaCommand.shell(launch.command()), message)
                    .write(folder.dir().resolve(TrialFolder.ERROR), List.of());
            return new TrialOutcome(trial, TrialStatus.FAILED, -1, 0, message, resume, false);
        }
        p.getOutputStream().close(); // train reads nothing from stdin
        stop.register(p);
        int code;
        try {
            code = waitUninterruptibly(p);
        } finally {
            stop.unregister(p);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean finished = folder.finished();
        if (code == 0 && finished) {
            return new TrialOutcome(trial, TrialStatus.OK, 0, seconds, "", resume, true);
        }
        if (INTERRUPTED_CODES.contains(code) && !finished) {
            return new TrialOutcome(trial, folder.status(), code, seconds, "", resume, true);
        }
        List<String> tail = folder.stderrTail(TrialFailure.TAIL_LINES);
        String message = code == 0 ? "the worker exited with 0 but left no finished summary.json" : TrialFailure.messageOf(code, tail);
        new TrialFailure(code, resume, deviceName, JavaCommand.shell(launch.command()), message)
                .write(folder.dir().resolve(TrialFolder.ERROR), tail);
        // The results are complete once summary.json says so (it is written last but for loss.png):
        // such a trial counts as finished, with the late error kept in error.txt for the record.
        return new TrialOutcome(trial, finished ? TrialStatus.OK : TrialStatus.FAILED, code, seconds, message, resume, true);
    }

    /**
     * Waits while another process holds the trial's run folder; false when the interrupt came
     * first. Neither preparing the folder (which empties it for a fresh start) nor launching
     * may happen while that process writes there.
     */
    private static boolean awaitNoWriter(Trial trial, TrialFolder folder, SweepInterrupt stop) throws IOException {
        boolean told = false;
        java.util.Optional<String> holder;
        while ((holder = FolderLock.heldBy(folder.dir(), Trainer.RUN_LOCK)).isPresent()) {
            if (stop.requested()) {
                return false;
            }
            if (!told) {
                System.err.println("gn4j sweep: trial " + trial.id() + ": an earlier worker" + (holder.get().isEmpty() ? ""
                        : " (pid " + holder.get() + ")") + " still runs in " + folder.dir() + "; waiting for it to save and exit");
                told = true;
            }
            try {
                Thread.sleep(WRITER_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static int waitUninterruptibly(Process p) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return p.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true; // the worker decides when it stops, via the signal it was sent
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
