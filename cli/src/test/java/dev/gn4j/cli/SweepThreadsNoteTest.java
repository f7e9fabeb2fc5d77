package dev.gn4j.cli;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The note a CPU sweep with several workers prints about BLAS threads, and when it stays quiet. */
class SweepThreadsNoteTest {
    @Test
    void severalCpuWorkersAreToldTheirShare() {
        String note = SweepCommand.threadsNote(2, 2, null, true);
        assertTrue(note.contains("OPENBLAS_NUM_THREADS=1"), note);
        assertTrue(SweepCommand.threadsNote(4, 16, null, true).contains("OPENBLAS_NUM_THREADS=4"));
        assertTrue(SweepCommand.threadsNote(8, 2, null, true).contains("OPENBLAS_NUM_THREADS=1"), "never zero");
    }

    @Test
    void quietForOneWorkerAnExplicitSettingOrGpuTrials() {
        assertNull(SweepCommand.threadsNote(1, 2, null, true));
        assertNull(SweepCommand.threadsNote(2, 2, "1", true));
        assertNull(SweepCommand.threadsNote(2, 2, null, false));
    }

    @Test
    void quietWhenTheSweepFileSetsEachTrialsThreads(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("OPENBLAS_NUM_THREADS") == null, "the variable silences the note");
        String base = "base:\n  dataset: iris\n  steps: 2\n  device: cpu\n%sgrid:\n  lr: [0.5, 1.0]\nmetric: final_train_loss\n";
        for (boolean threaded : new boolean[] {false, true}) {
            java.nio.file.Path file = dir.resolve("s" + threaded + ".yaml");
            java.nio.file.Files.writeString(file, String.format(base, threaded ? "  threads: 1\n" : ""));
            CliRunner r = CliRunner.run("sweep", "--config", file.toString(), "--out", dir.resolve("out" + threaded).toString(),
                    "--workers", "2", "--dry-run");
            org.junit.jupiter.api.Assertions.assertEquals(0, r.code(), r.err());
            org.junit.jupiter.api.Assertions.assertEquals(!threaded, r.err().contains("give each its share"), r.err());
        }
    }

    @Test
    void gpuDevicesInAnySpellingAreNotCpuTrials() {
        org.junit.jupiter.api.Assertions.assertEquals("gpu", SweepCommand.deviceFlag("gpu:1"));
        org.junit.jupiter.api.Assertions.assertEquals("gpu", SweepCommand.deviceFlag("cuda"));
        org.junit.jupiter.api.Assertions.assertEquals("cpu", SweepCommand.deviceFlag("cpu"));
        org.junit.jupiter.api.Assertions.assertEquals("auto", SweepCommand.deviceFlag(null));
    }
}
