package dev.gn4j.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --emit slurm writes a job array; its tasks are run here as Slurm would run them, one
 * after the other: bash on the script with SLURM_ARRAY_TASK_ID set, then the
 * leaderboard is built from the shared folder.
 */
class SlurmEmitTest {
    @TempDir
    Path dir;

    private static final Pattern ARRAY = Pattern.compile("(?m)^#SBATCH --array=(\\d+)-(\\d+)$");

    private static Process task(Path script, Integer index) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        pb.environment().remove("SLURM_ARRAY_TASK_ID");
        if (index != null) {
            pb.environment().put("SLURM_ARRAY_TASK_ID", index.toString());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    private static String finish(Process p) throws Exception {
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return printed;
    }

    @Test
    void theArrayTasksRunOneTrialEachAndTheLeaderboardIsBuiltAfterwards() throws Exception {
        Path f = SweepCli.file(dir, "s.yaml", """
                base: {dataset: iris, model: 4-tanh, steps: 2, dtype: f64, device: cpu}
                grid: {lr: [0.5, 1.0]}
                metric: final_train_accuracy
                maximize: true
                """);
        Path out = dir.resolve("shared");
        SweepCli r = SweepCli.run("sweep", "--config", f.toString(), "--out", out.toString(), "--emit", "slurm");
        assertEquals(0, r.code(), r.toString());
        Path script = out.resolve("sweep.slurm");
        assertTrue(r.out().contains("sbatch " + script.toAbsolutePath()), r.out());
        assertTrue(r.out().contains("gn4j sweep leaderboard --out " + out.toAbsolutePath()), r.out());
        assertFalse(Files.exists(out.resolve("trials")), "emitting runs nothing");
        assertTrue(Files.isDirectory(out.resolve("slurm")), "the folder of --output exists (Slurm does not create it)");

        String text = Files.readString(script);
        Matcher m = ARRAY.matcher(text);
        assertTrue(m.find(), text);
        int lo = Integer.parseInt(m.group(1));
        int hi = Integer.parseInt(m.group(2));
        assertEquals(List.of(0, 1), List.of(lo, hi));
        for (int i = lo; i <= hi; i++) {
            Process p = task(script, i);
            String printed = finish(p);
            assertEquals(0, p.exitValue(), printed);
            assertTrue(printed.contains("finished: "), printed);
        }
        Process again = task(script, 0);
        String printed = finish(again);
        assertEquals(0, again.exitValue(), printed);
        assertTrue(printed.contains("trial 0000-lr0.5 has already finished: nothing to do"), printed);
        Process outside = task(script, null);
        assertTrue(finish(outside).contains("submit this script with sbatch"));
        assertEquals(1, outside.exitValue(), "without an array index the script refuses to run");

        SweepCli board = SweepCli.run("sweep", "leaderboard", "--out", out.toString());
        assertEquals(0, board.code(), board.toString());
        List<String> lines = Files.readAllLines(out.resolve("leaderboard.csv"));
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("1,") && lines.get(2).startsWith("2,"), String.join("\n", lines));
        assertTrue(lines.stream().skip(1).allMatch(l -> l.contains(",ok,")), String.join("\n", lines));
        assertTrue(Files.exists(out.resolve("best.yaml")) && Files.exists(out.resolve("top.png")));
    }

    @Test
    void theLauncherIsUsedVerbatimAndGpuSweepsAskForAGpuPerTask() throws Exception {
        Path f = SweepCli.file(dir, "g.yaml", """
                base: {dataset: iris, steps: 2}
                grid: {lr: [0.1, 0.2, 0.3]}
                devices: [gpu:0, gpu:1]
                metric: final_train_loss
                """);
        Path out = dir.resolve("g");
        SweepCli r = SweepCli.run("sweep", "--config", f.toString(), "--out", out.toString(), "--emit", "slurm", "--launcher",
                "/opt/gn4j/bin/gn4j");
        assertEquals(0, r.code(), r.toString());
        String text = Files.readString(out.resolve("sweep.slurm"));
        assertTrue(text.contains("\n#SBATCH --array=0-2\n"), text);
        assertTrue(text.contains("\n#SBATCH --gres=gpu:1\n"), text);
        assertTrue(text.contains("\n##SBATCH --partition=CHANGE_ME\n"), "the partition is left to edit: " + text);
        assertTrue(text.contains("\nexec /opt/gn4j/bin/gn4j sweep run-trial --plan " + out.toAbsolutePath().resolve("sweep.json")
                + " --index \"${SLURM_ARRAY_TASK_ID:?"), text);
        assertTrue(text.stripTrailing().endsWith(" --device gpu"), text);
        assertTrue(text.contains("#   /opt/gn4j/bin/gn4j sweep leaderboard --out " + out.toAbsolutePath()), text);
        Process check = new ProcessBuilder("bash", "-n", out.resolve("sweep.slurm").toString()).redirectErrorStream(true).start();
        assertEquals(0, check.waitFor(), new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void runTrialChecksItsIndex() throws Exception {
        Path f = SweepCli.file(dir, "one.yaml", "base: {dataset: iris, steps: 2}\nmetric: final_train_loss\n");
        Path out = dir.resolve("one");
        assertEquals(0, SweepCli.run("sweep", "--config", f.toString(), "--out", out.toString(), "--dry-run").code());
        SweepCli r = SweepCli.run("sweep", "run-trial", "--plan", out.resolve("sweep.json").toString(), "--index", "1");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--index 1 is out of range: the plan " + out.resolve("sweep.json") + " has 1 trials (0-0)"), r.err());
        SweepCli missing = SweepCli.run("sweep", "run-trial", "--plan", dir.resolve("nope.json").toString(), "--index", "0");
        assertEquals(3, missing.code(), missing.toString());
    }
}
