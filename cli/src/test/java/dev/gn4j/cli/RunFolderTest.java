package dev.gn4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run folder's life (issue 14): one writer at a time (item 1), and a folder whose run
 * stopped before its first checkpoint is no dead end (item 7).
 */
class RunFolderTest {
    @TempDir
    Path dir;

    /** A finished diabetes run of {@code steps} steps in DIR/name. */
    private Path finishedRun(String name, int steps) {
        Path out = dir.resolve(name);
        CliRunner r = CliRunner.run("train", "-q", "--data", TrainCommandTest.DIABETES.toString(), "--target", "progression",
                "--steps", Integer.toString(steps), "--device", "cpu", "--out", out.toString());
        org.junit.jupiter.api.Assertions.assertEquals(0, r.code(), r.err());
        return out;
    }

    @Test
    void aSecondRunOnAFolderInUseIsRefusedNamingTheHolder() throws Exception {
        Path out = dir.resolve("busy");
        Process child = CliRunner.child("train", "--data", TrainCommandTest.DIABETES.toString(), "--target", "progression",
                "--model", "8-tanh", "--optimizer", "egn", "--batch", "32", "--steps", "1000000", "--save-every", "1",
                "--device", "cpu", "--out", out.toString());
        try {
            CliRunner.waitForLine(child, "training ", 60); // the child holds the lock from before it prints its start line
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String pid = Long.toString(child.pid());
            CliRunner r = CliRunner.fails(2, "train", "--data", TrainCommandTest.DIABETES.toString(), "--target", "progression",
                    "--steps", "2", "--device", "cpu", "--out", out.toString());
            assertTrue(r.err().contains("another gn4j train is already running in " + out) && r.err().contains("pid " + pid), r.err());
            while (!java.nio.file.Files.exists(out.resolve("config.json")) && System.nanoTime() < deadline) {
                Thread.sleep(20); // --resume reads the run's options first
            }
            r = CliRunner.fails(2, "train", "--resume", out.toString(), "--steps", "5");
            assertTrue(r.err().contains("pid " + pid), r.err());
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        // The operating system dropped the killed run's lock: the folder is free again. (Depending on when the kill came,
        // the resume continues from a checkpoint and finds its one step done, or starts again from step 0.)
        CliRunner r = CliRunner.run("train", "-q", "--resume", out.toString(), "--steps", "1");
        assertTrue(!r.err().contains("already running") && (r.code() == 0 || r.err().contains("already ran")), r.err());
    }

    @Test
    void aRunThatFailedBeforeItsFirstCheckpointCanBeStartedAgainOrResumed() throws Exception {
        Path out = dir.resolve("dead");
        String[] diverge = {"train", "-q", "--data", TrainCommandTest.DIABETES.toString(), "--target", "progression",
                "--optimizer", "sgd", "--lr", "1e300", "--steps", "50", "--device", "cpu", "--out", out.toString()};
        CliRunner.fails(5, diverge);
        assertTrue(java.nio.file.Files.exists(out.resolve("metrics.csv")) && !java.nio.file.Files.exists(out.resolve("checkpoint.safetensors")));
        CliRunner r = CliRunner.run("train", "-q", "--data", TrainCommandTest.DIABETES.toString(), "--target", "progression",
                "--steps", "3", "--device", "cpu", "--out", out.toString());
        org.junit.jupiter.api.Assertions.assertEquals(0, r.code(), "a fresh start reuses the folder: " + r.err());
        org.junit.jupiter.api.Assertions.assertEquals(3, new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("summary.json").toFile()).get("steps").asInt());
        Path again = dir.resolve("dead2");
        CliRunner.fails(5, java.util.Arrays.stream(diverge).map(a -> a.equals(out.toString()) ? again.toString() : a)
                .toArray(String[]::new));
        r = CliRunner.run("train", "-q", "--resume", again.toString(), "--lr", "0.01");
        org.junit.jupiter.api.Assertions.assertEquals(0, r.code(), "--resume starts it from step 0 with its options: " + r.err());
        org.junit.jupiter.api.Assertions.assertEquals(50, new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(again.resolve("summary.json").toFile()).get("steps").asInt());
    }

    // item 11: a flag on --resume is applied, or refused with a sentence; never recorded and ignored
    @Test
    void flagsTheCheckpointWouldOverrideAreRefusedOnResume() throws Exception {
        Path out = finishedRun("flags", 3);
        byte[] config = java.nio.file.Files.readAllBytes(out.resolve("config.json"));
        for (String[] flag : new String[][] {{"--lambda", "10"}, {"--standardize", "none"}, {"--solve-dtype", "f64"},
                {"--init", out.resolve("model.safetensors").toString()}, {"--lr", "0.5"}}) {
            String e = CliRunner.fails(2, "train", "--resume", out.toString(), "--steps", "5", flag[0], flag[1]).err();
            assertTrue(e.contains(flag[0] + " cannot change on --resume"), e);
        }
        assertTrue(CliRunner.fails(2, "train", "--resume", out.toString(), "--out", dir.resolve("elsewhere").toString()).err()
                .contains("--out cannot go with --resume"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(config, java.nio.file.Files.readAllBytes(out.resolve("config.json")),
                "refused flags are not recorded");
        // the same value is no change, and --steps is applied (and recorded)
        CliRunner r = CliRunner.run("train", "-q", "--resume", out.toString(), "--steps", "5", "--lambda", "1");
        org.junit.jupiter.api.Assertions.assertEquals(0, r.code(), r.err());
        assertTrue(new String(java.nio.file.Files.readAllBytes(out.resolve("config.json"))).contains("\"steps\" : 5"));
    }

    // item 8: a checkpoint or model that lies is a data error on every read
    @Test
    void corruptedModelsAndCheckpointsAreRefused() throws Exception {
        Path out = finishedRun("corrupt", 3);
        Path model = out.resolve("model.safetensors");
        byte[] bytes = java.nio.file.Files.readAllBytes(model);
        bytes[bytes.length - 2] ^= 0x40; // an exponent bit of the last weight
        java.nio.file.Files.write(model, bytes);
        assertTrue(CliRunner.fails(3, "eval", "--checkpoint", out.toString(), "--data", TrainCommandTest.DIABETES.toString())
                .err().contains("corrupted"));
        Path ck = out.resolve("checkpoint.safetensors");
        for (String[] lie : new String[][] {{"step", "-3"}, {"optimizer_scalars", "{\"lambda\":-1.0,\"alpha\":1.0}"}}) {
            dev.gn4j.engine.io.Safetensors.Contents c = dev.gn4j.engine.io.Safetensors.read(ck);
            java.util.Map<String, String> meta = new java.util.LinkedHashMap<>(c.metadata());
            meta.remove(dev.gn4j.engine.io.Safetensors.TENSORS_SHA256);
            meta.put(lie[0], lie[1]);
            Path edited = dir.resolve("edited-" + lie[0]);
            java.nio.file.Files.createDirectories(edited);
            for (String f : new String[] {"config.json", "metrics.csv"}) {
                java.nio.file.Files.copy(out.resolve(f), edited.resolve(f));
            }
            dev.gn4j.engine.io.Safetensors.write(edited.resolve("checkpoint.safetensors"), c.tensors(), meta);
            String e = CliRunner.fails(3, "train", "--resume", edited.toString(), "--steps", "6").err();
            assertTrue(e.contains(lie[0].equals("step") ? "step = -3" : "λ must be positive"), e);
        }
    }

    // item 12: damaged run files are one sentence naming the file and the fix
    @Test
    void damagedRunFilesAreNamedWithTheFix() throws Exception {
        Path out = finishedRun("damaged", 3);
        Path metrics = out.resolve("metrics.csv");
        java.util.List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(metrics));
        lines.set(2, "garbage" + lines.get(2).substring(lines.get(2).indexOf(',')));
        java.nio.file.Files.write(metrics, lines);
        String e = CliRunner.fails(3, "train", "--resume", out.toString(), "--steps", "5").err();
        assertTrue(e.contains(metrics + " line 3") && e.contains("'garbage'"), e);

        // a model whose metadata was edited (the tensors' checksum holds): a scale of 0, or a feature too few
        Path model = out.resolve("model.safetensors");
        dev.gn4j.engine.io.Safetensors.Contents c = dev.gn4j.engine.io.Safetensors.read(model);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        double[] scale = json.readValue(c.metadata().get("feature_scale"), double[].class);
        scale[0] = 0;
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>(c.metadata());
        meta.put("feature_scale", json.writeValueAsString(scale));
        dev.gn4j.engine.io.Safetensors.write(model, c.tensors(), meta);
        e = CliRunner.fails(3, "eval", "--checkpoint", out.toString(), "--data", TrainCommandTest.DIABETES.toString()).err();
        assertTrue(e.contains("scale must be positive"), e);
        meta = new java.util.LinkedHashMap<>(c.metadata());
        meta.put("features", "[\"age\"]");
        dev.gn4j.engine.io.Safetensors.write(model, c.tensors(), meta);
        e = CliRunner.fails(3, "eval", "--checkpoint", out.toString(), "--data", TrainCommandTest.DIABETES.toString()).err();
        assertTrue(e.contains("metadata for 1 features") && e.contains("takes 10 inputs"), e);
    }

    // item 10: a folder deleted under a run is noticed; a run that stopped before its summary is finished by --resume
    @Test
    void aDeletedFolderIsNoticedAndAMissingSummaryIsWrittenByResume() throws Exception {
        Path out = dir.resolve("gone");
        Process child = CliRunner.child("train", "--data", TrainCommandTest.DIABETES.toString(), "--target", "progression",
                "--model", "8-tanh", "--batch", "32", "--steps", "1000000", "--save-every", "1", "--device", "cpu",
                "--out", out.toString());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!java.nio.file.Files.exists(out.resolve("checkpoint.safetensors")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            new ProcessBuilder("rm", "-rf", out.toString()).start().waitFor();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the run noticed");
            String printed = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            org.junit.jupiter.api.Assertions.assertEquals(3, child.exitValue(), printed);
            // Noticed at the next save, or (when rm -rf races the save itself) by that save's failing write.
            assertTrue(printed.contains("was deleted while the run was writing to it")
                    || printed.contains("cannot write '" + out) && printed.contains("no such file or directory"), printed);
        } finally {
            child.destroyForcibly();
        }

        Path done = finishedRun("nosummary", 5);
        java.nio.file.Files.delete(done.resolve("summary.json")); // as a crash between the final checkpoint and the summary leaves it
        CliRunner r = CliRunner.run("train", "-q", "--resume", done.toString());
        org.junit.jupiter.api.Assertions.assertEquals(0, r.code(), r.err());
        org.junit.jupiter.api.Assertions.assertEquals(5, new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(done.resolve("summary.json").toFile()).get("steps").asInt());
        assertTrue(CliRunner.fails(2, "train", "--resume", done.toString()).err().contains("already ran 5 of 5"));
    }
}
