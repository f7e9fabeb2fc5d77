package dev.gn4j.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep file is checked before anything runs: each mistake is one sentence on stderr
 * naming the file and the key, exit 2 for the content, 3 for a file that cannot be read
 * (as gn4j train --config), and nothing is written.
 */
class SweepValidationTest {
    @TempDir
    Path dir;

    private static final String BASE = "base: {data: DIABETES, target: progression, steps: 2}\n";
    private static final String METRIC = "metric: final_train_loss\n";

    private String fails(int code, String yaml, String... fragments) throws Exception {
        Path f = SweepCli.file(dir, "s.yaml", yaml);
        Path out = dir.resolve("out");
        SweepCli r = SweepCli.run("sweep", "--config", f.toString(), "--out", out.toString(), "--dry-run");
        assertEquals(code, r.code(), r.toString());
        assertTrue(r.err().startsWith("gn4j: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        for (String fragment : fragments) {
            assertTrue(r.err().contains(fragment), "'" + fragment + "' in: " + r.err());
        }
        assertFalse(Files.exists(out), "nothing is written for an invalid sweep");
        return r.err();
    }

    @Test
    void unknownKeysAndTrainOptions() throws Exception {
        fails(2, BASE + "grdi: {lr: [1]}\n" + METRIC, "s.yaml", "unknown key 'grdi'", "known: base, grid, random");
        fails(2, "base: {data: DIABETES, target: progression, lrr: 0.1}\n" + METRIC, "base: unknown train option 'lrr'", "gn4j train --help");
        fails(2, BASE + "grid: {learning-rate: [0.1, 1]}\n" + METRIC, "grid: unknown train option 'learning-rate'");
        fails(2, BASE + "random: {mom: {uniform: [0, 1]}}\ntrials: 2\n" + METRIC, "random: unknown train option 'mom'");
        fails(2, "base: {data: DIABETES, target: progression, out: runs/x}\n" + METRIC, "base: 'out' is chosen by the sweep");
        fails(2, BASE + "grid: {resume: [a]}\n" + METRIC, "grid: 'resume' is managed by the sweep");
    }

    @Test
    void badAxes() throws Exception {
        fails(2, BASE + "random: {lr: {normal: [0, 1]}}\ntrials: 2\n" + METRIC, "random: 'lr': unknown distribution 'normal'");
        fails(2, BASE + "random: {momentum: {uniform: [0.9, 0.1]}}\ntrials: 2\n" + METRIC, "random: 'momentum': uniform has lo 0.9 > hi 0.1");
        fails(2, BASE + "random: {lambda: {log-uniform: [0, 10]}}\ntrials: 2\n" + METRIC, "random: 'lambda': log-uniform needs lo > 0");
        fails(2, BASE + "random: {batch: {int-uniform: [8, 64.5]}}\ntrials: 2\n" + METRIC, "random: 'batch': int-uniform needs integer bounds");
        fails(2, BASE + "random: {lr: 0.1}\ntrials: 2\n" + METRIC, "random: 'lr' must be a distribution such as");
        fails(2, BASE + "grid: {lr: 0.1}\n" + METRIC, "grid: 'lr' must be a non-empty list of values");
        fails(2, BASE + "grid: {lr: [0.1, 0.1]}\n" + METRIC, "grid: 'lr' lists 0.1 twice");
        fails(2, BASE + "random: {lr: {uniform: [0.1, 1]}}\n" + METRIC, "random: needs trials: N");
        fails(2, BASE + "trials: 5\n" + METRIC, "trials: 5 asks for random draws, but there is no random: section");
        fails(2, BASE + "seeds: 3\n" + METRIC, "seeds must be a non-empty list of integers");
        fails(2, BASE + "grid: {seed: [1, 2]}\nseeds: [1, 2]\n" + METRIC, "'seed' is swept in grid: and seeds: lists seeds too");
        fails(2, BASE + "devices: [tpu]\n" + METRIC, "devices: 'tpu' is not a device");
    }

    @Test
    void metricIsRequired() throws Exception {
        fails(2, BASE, "s.yaml", "no metric: name the summary.json key to rank trials by");
        fails(2, BASE + "metric: final_train_loss\nmaximize: yes please\n", "maximize must be true or false");
    }

    @Test
    void valuesTrainWouldRejectAreCaughtBeforeAnyTrialRuns() throws Exception {
        fails(2, BASE + "grid: {lr: [0.1, fast]}\n" + METRIC, "trial 0001-lr_fast", "'--lr'", "'fast' is not a double");
        fails(2, BASE + "random: {momentum: {uniform: [0.5, 1.5]}}\ntrials: 30\n" + METRIC, "--momentum must be in [0, 1)");
        fails(2, "base: {data: DIABETES, steps: 2}\n" + METRIC, "--target COLS is required with --data");
        fails(3, "base: {data: " + "no-such.csv" + ", target: y}\n" + METRIC, "base: 'data':", "no-such.csv does not exist");
    }

    @Test
    void unreadableSweepFilesAreDataErrors() throws Exception {
        SweepCli r = SweepCli.run("sweep", "--config", dir.resolve("missing.yaml").toString(), "--dry-run");
        assertEquals(3, r.code(), r.toString());
        assertTrue(r.err().contains("missing.yaml' does not exist"), r.err());
        String e = fails(3, BASE + "grid: {lr: [0.1, 1\n" + METRIC, "is not valid YAML at line");
        assertTrue(e.contains("s.yaml"), e);
        fails(2, "- just\n- a list\n", "must be a map with base:");
    }

    @Test
    void commandLineMistakes() throws Exception {
        Path f = SweepCli.file(dir, "ok.yaml", BASE + METRIC);
        for (List<String> c : List.of(
                List.of("--emit", "pbs", "--emit takes 'slurm'"),
                List.of("--launcher", "gn4j", "--launcher goes with --emit slurm"),
                List.of("--devices", "cpu,gpu:x", "--devices: 'gpu:x' is not a device"),
                List.of("--workers", "0", "--workers must be at least 1"))) {
            SweepCli r = SweepCli.run("sweep", "--config", f.toString(), "--out", dir.resolve("cl").toString(), c.get(0), c.get(1));
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains(c.get(2)), r.err());
        }
        SweepCli r = SweepCli.run("sweep", "--dry-run");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("give the sweep file with --config FILE"), r.err());
    }

    @Test
    void aFolderHoldingAnotherSweepIsNotReused() throws Exception {
        Path out = dir.resolve("shared");
        Path a = SweepCli.file(dir, "a.yaml", BASE + "grid: {lr: [0.1, 1.0]}\n" + METRIC);
        assertEquals(0, SweepCli.run("sweep", "--config", a.toString(), "--out", out.toString(), "--dry-run").code());
        byte[] before = Files.readAllBytes(out.resolve("sweep.json"));
        Path b = SweepCli.file(dir, "b.yaml", BASE + "grid: {lr: [0.1, 2.0]}\n" + METRIC);
        SweepCli r = SweepCli.run("sweep", "--config", b.toString(), "--out", out.toString(), "--dry-run");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains(out + " holds a different sweep (trial 1 is 0001-lr2 instead of 0001-lr1)"), r.err());
        assertEquals(new String(before), Files.readString(out.resolve("sweep.json")), "the plan there is left alone");
        Path d = SweepCli.file(dir, "d.yaml", BASE.replace("steps: 2", "steps: 3") + "grid: {lr: [0.1, 1.0]}\n" + METRIC);
        SweepCli steps = SweepCli.run("sweep", "--config", d.toString(), "--out", out.toString(), "--dry-run");
        assertEquals(2, steps.code(), steps.toString());
        assertTrue(steps.err().contains("(trial 0000-lr0.1 has steps 3 instead of 2)"), steps.err());
        // Ranking is not part of the trials: a new metric is accepted and recorded.
        Path c = SweepCli.file(dir, "c.yaml", BASE + "grid: {lr: [0.1, 1.0]}\nmetric: final_train_accuracy\nmaximize: true\n");
        assertEquals(0, SweepCli.run("sweep", "--config", c.toString(), "--out", out.toString(), "--dry-run").code());
        assertEquals("final_train_accuracy", SweepPlan.read(out.resolve("sweep.json")).metric());
    }
}
