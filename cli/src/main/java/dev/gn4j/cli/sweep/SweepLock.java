package dev.gn4j.cli.sweep;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * DIR/.sweep.lock, held while {@code gn4j sweep} runs trials in DIR: a second sweep
 * started on the same folder (the same command in another terminal) would start the
 * same trials into the same folders and wipe each other's files. The operating system
 * drops the lock when the process dies, so a killed sweep never leaves it behind.
 * Slurm tasks (run-trial) each own one trial and do not take it.
 */
public final class SweepLock implements AutoCloseable {
    static final String FILE_NAME = ".sweep.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private SweepLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock; an IllegalArgumentException (usage error) when another sweep holds it. */
    public static SweepLock acquire(Path sweepDir) throws IOException {
        Path file = sweepDir.resolve(FILE_NAME);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM (a sweep run in-process twice at once)
        } catch (IOException e) {
            // A file system without locks (some network mounts): run unprotected rather than not at all.
            return new SweepLock(ch, null);
        }
        if (lock == null) {
            ch.close();
            throw new IllegalArgumentException("another gn4j sweep is running in " + sweepDir + "; wait for it, or stop it with Ctrl-C");
        }
        return new SweepLock(ch, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock != null) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
