package dev.gn4j.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on a real sweep process: the running trial saves a checkpoint and stops, no
 * new trial starts, the sweep exits 130; running the sweep again resumes that trial
 * from its checkpoint and runs the one that never started.
 */
class SweepInterruptTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static void signal(String name, List<ProcessHandle> processes) throws Exception {
        for (ProcessHandle p : processes) {
            new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start().waitFor();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(no " + file.getFileName() + ")";
        }
    }

    @Test
    void ctrlCStopsLaunchingLetsTheTrialSaveAndARerunResumesIt() throws Exception {
        // Trial 0 checkpoints every step; trial 1 is short.
        Path f = SweepCli.file(dir, "i.yaml", """
                base: {data: DIABETES, target: progression, model: 4-tanh, optimizer: sgd, batch: 32, save-every: 1, log-every: 1, device: cpu, dtype: f64}
                grid: {steps: [300, 2]}
                metric: final_train_loss
                """);
        Path out = dir.resolve("sweep");
        Path first = out.resolve("trials/0000-steps300");
        Path second = out.resolve("trials/0001-steps2");
        Process sweep = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.gn4j.cli.Main", "sweep", "--config", f.toString(), "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sweep.log").toFile()).start();
        for (int i = 0; i < 1200 && !Files.exists(first.resolve("checkpoint.safetensors")); i++) {
            Thread.sleep(25);
        }
        assertTrue(Files.exists(first.resolve("checkpoint.safetensors")), () -> "trial 0 started and checkpointed; the sweep printed:\n"
                + read(dir.resolve("sweep.log")) + "\nthe trial printed:\n" + read(first.resolve("stdout.log")) + read(first.resolve("stderr.log")));
        // Freeze the worker so that Ctrl-C surely lands in the middle of its run, however fast its steps are;
        // the signal the sweep forwards waits for it, and acts when it runs again.
        List<ProcessHandle> workers = sweep.descendants().toList();
        assertFalse(workers.isEmpty(), "the sweep runs its trial in a worker process");
        signal("STOP", workers);
        signal("INT", List.of(sweep.toHandle()));
        Thread.sleep(500);
        signal("CONT", workers);
        assertTrue(sweep.waitFor(60, TimeUnit.SECONDS), "the sweep stops");
        String log = Files.readString(dir.resolve("sweep.log"), StandardCharsets.UTF_8);
        assertEquals(130, sweep.exitValue(), log);
        assertTrue(log.contains("stopping: no new trials"), log);
        assertTrue(log.contains("interrupted with a checkpoint (resumes on the next run)"), log);
        JsonNode summary = JSON.readTree(first.resolve("summary.json").toFile());
        assertTrue(summary.get("interrupted").asBoolean(), summary.toString());
        long stoppedAt = summary.get("steps").asLong();
        assertTrue(stoppedAt < 300, "stopped early, at step " + stoppedAt);
        assertFalse(Files.exists(second), "no trial starts after Ctrl-C");
        List<String> board = Files.readAllLines(out.resolve("leaderboard.csv"));
        assertTrue(board.get(1).contains(",interrupted,") && board.get(2).contains(",pending,"), String.join("\n", board));

        SweepCli rerun = SweepCli.run("sweep", "--config", f.toString(), "--out", out.toString());
        assertEquals(0, rerun.code(), rerun.toString());
        assertTrue(rerun.out().contains("0000-steps300  final_train_loss") && rerun.out().contains("(resumed)"), rerun.out());
        // gn4j logs to stderr; under the tests' logback-test.xml, to stdout.
        String workerLog = Files.readString(first.resolve("stderr.log")) + Files.readString(first.resolve("stdout.log"));
        assertTrue(workerLog.contains("resuming " + first + " at step " + stoppedAt), "the worker continued from the checkpoint: " + workerLog);
        JsonNode done = JSON.readTree(first.resolve("summary.json").toFile());
        assertFalse(done.get("interrupted").asBoolean());
        assertEquals(300, done.get("steps").asLong());
        assertEquals(301, Files.readAllLines(first.resolve("metrics.csv")).size() - 1, "one metrics row per step, none repeated");
        assertTrue(JSON.readTree(second.resolve("summary.json").toFile()).has("final_train_loss"));
    }

    // issue 14 item 2: a worker dies with its sweep, however the sweep dies, and saves first
    @Test
    void aKilledSweepLeavesNoWorkerRunning() throws Exception {
        Path f = SweepCli.file(dir, "o.yaml", """
                base: {data: DIABETES, target: progression, model: 4-tanh, optimizer: sgd, batch: 32, save-every: 1, device: cpu, dtype: f64}
                grid: {steps: [1000000]}
                metric: final_train_loss
                """);
        Path out = dir.resolve("orphans");
        Path trial = out.resolve("trials/0000-steps1000000");
        Process sweep = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.gn4j.cli.Main", "sweep", "--config", f.toString(), "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("orphans.log").toFile()).start();
        for (int i = 0; i < 1200 && !Files.exists(trial.resolve("checkpoint.safetensors")); i++) {
            Thread.sleep(25);
        }
        assertTrue(Files.exists(trial.resolve("checkpoint.safetensors")), () -> read(dir.resolve("orphans.log")));
        List<ProcessHandle> workers = sweep.descendants().toList();
        assertFalse(workers.isEmpty(), "the sweep runs its trial in a worker process");
        sweep.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no handler, no shutdown hook runs
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (workers.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        workers.forEach(ProcessHandle::destroyForcibly); // whatever the outcome, leave nothing behind
        assertTrue(Files.exists(trial.resolve("summary.json")), "the orphaned worker saved and stopped: "
                + read(trial.resolve("stderr.log")) + read(trial.resolve("stdout.log")));
        JsonNode summary = JSON.readTree(trial.resolve("summary.json").toFile());
        assertTrue(summary.get("interrupted").asBoolean(), summary.toString());
    }

    // issue 14 item 2: a re-run that meets an earlier worker still in its trial folder waits for it, then runs the trial once
    @Test
    void aRerunWaitsForAnEarlierWorkerStillInItsTrialFolder() throws Exception {
        Path f = SweepCli.file(dir, "w.yaml", """
                base: {data: DIABETES, target: progression, model: 4-tanh, optimizer: sgd, batch: 32, device: cpu}
                grid: {steps: [5]}
                metric: final_train_loss
                """);
        Path out = dir.resolve("waits");
        Path trial = out.resolve("trials/0000-steps5");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), FolderHolder.class.getName(), trial.toString(), "4000")
                .redirectErrorStream(true).start();
        try {
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            assertEquals("held", first);
            SweepCli r = SweepCli.run("sweep", "--config", f.toString(), "--out", out.toString());
            long released = holder.toHandle().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L) + 4000;
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.err().contains("an earlier worker (pid " + holder.pid() + ") still runs in " + trial)
                    && r.err().contains("waiting for it to save and exit"), r.toString());
            assertFalse(Files.exists(trial.resolve("error.txt")), "the trial was not refused by the lock: " + read(trial.resolve("error.txt")));
            assertTrue(Files.getLastModifiedTime(trial.resolve("summary.json")).toMillis() >= released - 1000,
                    "the trial ran once the earlier worker had gone");
            assertEquals(6, Files.readAllLines(trial.resolve("metrics.csv")).size() - 1, "one metrics row a step, none repeated");
        } finally {
            holder.destroyForcibly();
        }
    }
}
