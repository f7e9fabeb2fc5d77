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
    void gpuDevicesInAnySpellingAreNotCpuTrials() {
        org.junit.jupiter.api.Assertions.assertEquals("gpu", SweepCommand.deviceFlag("gpu:1"));
        org.junit.jupiter.api.Assertions.assertEquals("gpu", SweepCommand.deviceFlag("cuda"));
        org.junit.jupiter.api.Assertions.assertEquals("cpu", SweepCommand.deviceFlag("cpu"));
        org.junit.jupiter.api.Assertions.assertEquals("auto", SweepCommand.deviceFlag(null));
    }
}
