package dev.gn4j.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a folder, through a lock file in it that holds the owner's pid: one
 * writer per run folder (gn4j train) or sweep folder (gn4j sweep). The operating system drops
 * the lock when the process dies, so a killed run never leaves it behind; the file stays and
 * is taken again by the next run.
 */
public final class FolderLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes DIR/{@code fileName}; when another process (or this one) holds it, an
     * IllegalArgumentException (a usage error) saying {@code what} runs there, with the holder's pid.
     */
    public static FolderLock acquire(Path dir, String fileName, String what) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(fileName);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM
        } catch (IOException e) {
            // A file system without locks (some network mounts): run unprotected rather than not at all.
            return new FolderLock(ch, null);
        }
        if (lock == null) {
            String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
            ch.close();
            throw new IllegalArgumentException(what + " is already running in " + dir
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; wait for it, or stop it with Ctrl-C");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(false);
        return new FolderLock(ch, lock);
    }

    /**
     * Who holds DIR/{@code fileName} now: empty when no process does (the lock is taken and
     * let go at once to find out), else the pid the holder wrote ("" before it has).
     */
    public static java.util.Optional<String> heldBy(Path dir, String fileName) throws IOException {
        Path file = dir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe;
            try {
                probe = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                probe = null;
            } catch (IOException e) {
                return java.util.Optional.empty(); // no locks on this file system: nobody can be told to wait
            }
            if (probe != null) {
                probe.release();
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim());
        } catch (java.nio.file.NoSuchFileException e) {
            return java.util.Optional.empty();
        }
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
