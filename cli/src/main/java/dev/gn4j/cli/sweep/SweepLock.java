package dev.gn4j.cli.sweep;

import dev.gn4j.engine.io.FolderLock;
import java.io.IOException;
import java.nio.file.Path;

/**
 * DIR/.sweep.lock, held while {@code gn4j sweep} runs trials in DIR: a second sweep
 * started on the same folder (the same command in another terminal) would start the
 * same trials into the same folders and wipe each other's files. Slurm tasks (run-trial)
 * each own one trial and do not take it; each trial's own run holds its folder's lock.
 */
public final class SweepLock {
    static final String FILE_NAME = ".sweep.lock";

    private SweepLock() {
    }

    /** Takes the lock; an IllegalArgumentException (usage error) when another sweep holds it. */
    public static FolderLock acquire(Path sweepDir) throws IOException {
        return FolderLock.acquire(sweepDir, FILE_NAME, "another gn4j sweep");
    }
}
