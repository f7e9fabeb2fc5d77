package dev.gn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes, real signals: SIGKILL in the middle of a checkpoint write and at
 * a random instant leave a checkpoint that resumes exactly; Ctrl-C (SIGINT)
 * finishes the step, saves and exits with 130.
 */
class CrashTest {
    @TempDir
    Path dir;

    static final List<String> RUN = List.of("train", "-q", "--data", TrainCommandTest.DIABETES.toString(), "--target",
            "progression", "--standardize", "all", "--model", "16-tanh", "--optimizer", "egn", "--momentum", "0.5",
            "--batch", "50", "--dtype", "f64", "--device", "cpu", "--save-every", "1");

    private Process start(Path out, long steps, String... jvmOptions) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(RUN.stream().filter(a -> !a.equals("-q")).toList()); // the child logs its start line
        cmd.addAll(List.of("--steps", Long.toString(steps), "--out", out.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static String waitForLine(Process p, String marker, long seconds) throws Exception {
        return CliRunner.waitForLine(p, marker, seconds);
    }

    private static byte[] uninterrupted(Path out, long steps) {
        List<String> a = new ArrayList<>(RUN);
        a.addAll(List.of("--steps", Long.toString(steps), "--out", out.toString()));
        assertEquals(0, CliRunner.run(a.toArray(String[]::new)).code());
        try {
            return Files.readAllBytes(out.resolve("model.safetensors"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sigkillInTheMiddleOfACheckpointWriteLosesNothingCommitted() throws Exception {
        Path out = dir.resolve("killed");
        // The 4th checkpoint write stops after half of its bytes; steps 1-3 are committed by then.
        Process p = start(out, 12, "-Dgn4j.test.holdWrite=checkpoint.safetensors:4:60000");
        waitForLine(p, "holding write of checkpoint.safetensors", 60);
        p.destroyForcibly().waitFor(); // SIGKILL
        assertEquals(137, p.exitValue());
        try (var files = Files.list(out)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "the half-written temp file is there");
        }
        CliRunner r = CliRunner.run("train", "-q", "--resume", out.toString(), "--steps", "12");
        assertEquals(0, r.code(), r.err());
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "leftovers are cleaned up");
        }
        assertArrayEquals(uninterrupted(dir.resolve("whole"), 12), Files.readAllBytes(out.resolve("model.safetensors")));
        assertEquals(ResumeTest.withoutTimes(dir.resolve("whole").resolve("metrics.csv")), ResumeTest.withoutTimes(out.resolve("metrics.csv")));
    }

    @Test
    void sigkillAtARandomInstantLeavesACheckpointThatResumes() throws Exception {
        Path out = dir.resolve("random");
        Process p = start(out, 100_000);
        waitForLine(p, "training", 60);
        Path checkpoint = out.resolve("checkpoint.safetensors");
        for (int i = 0; i < 600 && !Files.exists(checkpoint); i++) {
            Thread.sleep(50);
        }
        Thread.sleep(new java.util.Random().nextInt(700)); // then kill at an arbitrary point of the run
        p.destroyForcibly().waitFor();
        long saved = Long.parseLong(dev.gn4j.engine.io.Safetensors.read(checkpoint).metadata().get("step"));
        assertTrue(saved >= 1, "at least one checkpoint was committed");
        long target = saved + 3;
        CliRunner r = CliRunner.run("train", "-q", "--resume", out.toString(), "--steps", Long.toString(target));
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(uninterrupted(dir.resolve("whole"), target), Files.readAllBytes(out.resolve("model.safetensors")));
    }

    @Test
    void ctrlCFinishesTheStepSavesAndExits130() throws Exception {
        Path out = dir.resolve("interrupted");
        Process p = start(out, 100_000);
        waitForLine(p, "training", 60);
        for (int i = 0; i < 600 && !Files.exists(out.resolve("checkpoint.safetensors")); i++) {
            Thread.sleep(50);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child stops");
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(130, p.exitValue(), printed);
        assertTrue(printed.contains("--resume " + out), printed);
        var summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("interrupted").asBoolean());
        long steps = summary.get("steps").asLong();
        String ckStep = dev.gn4j.engine.io.Safetensors.read(out.resolve("checkpoint.safetensors")).metadata().get("step");
        assertEquals(steps, Long.parseLong(ckStep), "the checkpoint holds the last finished step");
        CliRunner r = CliRunner.run("train", "-q", "--resume", out.toString(), "--steps", Long.toString(steps + 2));
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(uninterrupted(dir.resolve("whole"), steps + 2), Files.readAllBytes(out.resolve("model.safetensors")));
    }
}
