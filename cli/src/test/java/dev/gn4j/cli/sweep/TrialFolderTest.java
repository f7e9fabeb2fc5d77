package dev.gn4j.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trial's state and next action come from the files in its folder alone. */
class TrialFolderTest {
    @TempDir
    Path dir;

    private final Trial trial = new Trial(3, "0003-lr0.1", Map.of("lr", 0.1), options());

    private static Map<String, Object> options() {
        Map<String, Object> o = new java.util.LinkedHashMap<>();
        o.put("dataset", "iris");
        o.put("lr", 0.1);
        return o;
    }

    @Test
    void stateFollowsTheFiles() throws Exception {
        TrialFolder f = TrialFolder.of(dir, trial);
        assertEquals(dir.resolve("trials/0003-lr0.1"), f.dir());
        assertEquals(TrialStatus.PENDING, f.status(), "no folder yet");
        f.prepareFresh(trial);
        assertEquals("{\n  \"dataset\" : \"iris\",\n  \"lr\" : 0.1\n}\n", Files.readString(f.dir().resolve("trial.json")));
        Files.writeString(f.dir().resolve("metrics.csv"), "step,train_loss\n0,1\n");
        assertEquals(TrialStatus.PENDING, f.status(), "killed before its first checkpoint");
        assertFalse(f.resumable());
        Files.writeString(f.dir().resolve("checkpoint.safetensors"), "x");
        assertEquals(TrialStatus.INTERRUPTED, f.status());
        assertTrue(f.resumable());
        Files.writeString(f.dir().resolve("summary.json"), "{\"interrupted\": true, \"steps\": 5}");
        assertEquals(TrialStatus.INTERRUPTED, f.status());
        assertFalse(f.finished());
        Files.writeString(f.dir().resolve("summary.json"), "{\"interrupted\": false, \"steps\": 9}");
        assertEquals(TrialStatus.OK, f.status());
        assertTrue(f.finished());
    }

    @Test
    void aFailedResumeIsRetriedFromScratchAndAFreshStartEmptiesTheFolder() throws Exception {
        TrialFolder f = TrialFolder.of(dir, trial);
        f.prepareFresh(trial);
        Files.writeString(f.dir().resolve("checkpoint.safetensors"), "x");
        new TrialFailure(2, false, "cpu", "cmd", "gn4j: first").write(f.dir().resolve("error.txt"), List.of());
        assertEquals(TrialStatus.FAILED, f.status());
        assertTrue(f.resumable(), "a fresh attempt failed after a checkpoint: resume it");
        new TrialFailure(2, true, "cpu", "cmd", "gn4j: the run already ran 9 of 9 steps").write(f.dir().resolve("error.txt"), List.of());
        assertFalse(f.resumable(), "the resume itself failed: start over");
        f.prepareFresh(trial);
        try (var files = Files.list(f.dir())) {
            assertEquals(List.of("trial.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void errorTxtRecordsExitCodeActionDeviceCommandMessageAndTheStderrTail() throws Exception {
        Path file = dir.resolve("error.txt");
        List<String> tail = List.of("12:00:00 INFO  training ...", "gn4j: --model: unknown activation 'bogus'", "");
        String message = TrialFailure.messageOf(tail);
        assertEquals("gn4j: --model: unknown activation 'bogus'", message);
        new TrialFailure(2, true, "gpu:1", "java -cp x dev.gn4j.cli.Main train --resume d", message).write(file, tail);
        String text = Files.readString(file);
        assertTrue(text.startsWith("exit code: 2\naction: resume\ndevice: gpu:1\ncommand: java -cp x dev.gn4j.cli.Main train --resume d\n"
                + "error: gn4j: --model: unknown activation 'bogus'\n\nlast 3 lines of stderr.log:\n12:00:00 INFO  training ...\n"), text);
        assertEquals(new TrialFailure(2, true, "gpu:1", "java -cp x dev.gn4j.cli.Main train --resume d", message), TrialFailure.read(file));
        assertEquals("Exception in thread \"main\" java.lang.OutOfMemoryError",
                TrialFailure.messageOf(List.of("x", "Exception in thread \"main\" java.lang.OutOfMemoryError", "  ")));
    }

    @Test
    void idsAreSafeFolderNamesOfBoundedLength() {
        Map<String, Object> swept = new java.util.LinkedHashMap<>();
        swept.put("data", "a/b c.csv");
        swept.put("lr", 3.7e-5);
        swept.put("batch", 64L);
        assertEquals("0012-data_a_b_c.csv-lr3.7e-5-batch64", TrialId.of(12, 4, swept));
        String id = TrialId.of(1, 5, Map.of("model", "x".repeat(500)));
        assertEquals("00001-model_" + "x".repeat(24), id);
        assertEquals(4, TrialId.width(10));
        assertEquals(5, TrialId.width(10001));
    }
}
