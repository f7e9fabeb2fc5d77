package dev.gn4j.cli.sweep;

import dev.gn4j.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * DIR/sweep.slurm: a Slurm job array with one task per trial. Task i runs
 * {@code <launcher> sweep run-trial --plan DIR/sweep.json --index i}, which skips a
 * finished trial and resumes an interrupted one, so resubmitting the script after a
 * time-out or a cancelled array finishes the sweep. All tasks write into the shared
 * DIR; {@code gn4j sweep leaderboard --out DIR} ranks them afterwards.
 */
public final class SlurmScript {
    public static final String FILE_NAME = "sweep.slurm";

    private SlurmScript() {
    }

    /** The command that runs gn4j here (this java and class path), for --launcher's default. */
    public static String defaultLauncher() {
        return JavaCommand.shell(JavaCommand.gn4j());
    }

    public static Path write(SweepPlan plan, Path sweepDir, String launcher) throws IOException {
        Path dir = sweepDir.toAbsolutePath().normalize();
        Files.createDirectories(dir.resolve("slurm")); // Slurm does not create the --output folder
        Path file = dir.resolve(FILE_NAME);
        AtomicFiles.writeString(file, render(plan, dir, launcher));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: sbatch reads the script anyway
        }
        return file;
    }

    static String render(SweepPlan plan, Path dir, String launcher) {
        int n = plan.trials().size();
        boolean gpu = plan.devices().stream().anyMatch(d -> DeviceSlot.parse(d).gpu())
                || plan.trials().stream().anyMatch(t -> "gpu".equals(String.valueOf(t.options().get("device")))
                || "cuda".equals(String.valueOf(t.options().get("device"))));
        Path planFile = dir.resolve(SweepPlan.FILE_NAME);
        String quotedDir = JavaCommand.shell(List.of(dir.toString()));
        String quotedPlan = JavaCommand.shell(List.of(planFile.toString()));
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# gn4j sweep: ").append(n).append(" trial").append(n == 1 ? "" : "s").append(" of ").append(plan.sweepFile())
                .append(", one per Slurm array task.\n");
        s.append("# Written by 'gn4j sweep --emit slurm'. The plan is ").append(planFile).append(";\n");
        s.append("# task i runs trial i into ").append(dir.resolve("trials")).append("/<id>/.\n");
        s.append("#\n");
        s.append("# Edit the #SBATCH lines below before 'sbatch ").append(dir.resolve(FILE_NAME)).append("':\n");
        s.append("#   --partition  your cluster's partition (queue): remove one '#' to enable the line\n");
        s.append("#   --time       the wall time of ONE trial (each task runs one trial)\n");
        s.append("#   --gres       one GPU per task for GPU trials (each task sees it as GPU 0); delete it for CPU trials\n");
        s.append("#   --cpus-per-task, --mem  what one trial needs (the CPU backend uses every CPU it is given)\n");
        s.append("#   --array      0-").append(n - 1).append(" runs every trial; 0-").append(n - 1)
                .append("%8 runs at most 8 at a time; a list (3,7) reruns only those\n");
        s.append("#\n");
        s.append("#SBATCH --job-name=gn4j-sweep\n");
        s.append("#SBATCH --array=0-").append(n - 1).append('\n');
        s.append("#SBATCH --output=").append(dir.resolve("slurm")).append("/%A_%a.out\n");
        s.append("#SBATCH --time=01:00:00\n");
        s.append("#SBATCH --cpus-per-task=").append(gpu ? 4 : 2).append('\n');
        s.append("##SBATCH --mem=8G\n");
        s.append("##SBATCH --partition=CHANGE_ME\n");
        s.append(gpu ? "#SBATCH --gres=gpu:1\n" : "##SBATCH --gres=gpu:1\n");
        s.append("#\n");
        s.append("# At the time limit Slurm sends SIGTERM: the trial finishes its step, saves a checkpoint and\n");
        s.append("# exits 130; submitting this script again skips finished trials and resumes that one.\n");
        s.append("# When the array is done, build the leaderboard from the shared folder:\n");
        s.append("#   ").append(launcher).append(" sweep leaderboard --out ").append(quotedDir).append('\n');
        s.append('\n');
        s.append("set -euo pipefail\n");
        s.append("exec ").append(launcher).append(" sweep run-trial --plan ").append(quotedPlan)
                .append(" --index \"${SLURM_ARRAY_TASK_ID:?submit this script with sbatch (or set SLURM_ARRAY_TASK_ID)}\"")
                .append(gpu ? " --device gpu" : "").append('\n');
        return s.toString();
    }
}
