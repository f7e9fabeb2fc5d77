package dev.gn4j.engine.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a reader, or a crash at any instant, sees either the old
 * complete file or the new complete file: write a temp file beside it, fsync,
 * rename over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Crash tests only: {@code -Dgn4j.test.holdWrite=NAME:N:MILLIS} makes the N-th write of
     * a file called NAME stop after half of its bytes, announce that on stderr and
     * sleep, so a test can SIGKILL the process in the middle of the write.
     */
    private static final String HOLD = System.getProperty("gn4j.test.holdWrite");
    private static final java.util.Map<String, Integer> WRITES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * As {@link #writeAtomically}; a failure is an IOException whose message names
     * {@code target} as the caller gave it and the operating system's reason, never the temp file.
     */
    public static void write(Path target, Writer writer) throws IOException {
        if (Files.isDirectory(target)) {
            throw new IOException("cannot write '" + target + "': it is a directory");
        }
        try {
            writeAtomically(target, writer);
        } catch (IOException e) {
            throw new IOException("cannot write '" + target + "': " + reason(e), e);
        }
    }

    /** The operating system's reason for a failed file operation, in words. */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "a part of the path is not a directory";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static void writeAtomically(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // createDirectories found the folder, then did not: it was deleted meanwhile (rm -rf racing this write).
            if (!Files.isDirectory(dir)) {
                throw new java.nio.file.NoSuchFileException(dir.toString());
            }
            throw e;
        }
        // Not createTempFile: its 0600 mode would survive the rename. CREATE_NEW keeps the umask's mode.
        Path tmp = dir.resolve(TEMP_PREFIX + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + TEMP_SUFFIX);
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(
                    Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                if (HOLD != null && holdThisWrite(target)) {
                    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                    writer.write(all);
                    byte[] bytes = all.toByteArray();
                    out.write(bytes, 0, bytes.length / 2);
                    out.flush();
                    System.err.println("gn4j-test: holding write of " + target.getFileName());
                    System.err.flush();
                    try {
                        Thread.sleep(Long.parseLong(HOLD.split(":")[2]));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
                } else {
                    writer.write(out);
                }
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static final String TEMP_PREFIX = ".";
    static final String TEMP_SUFFIX = ".tmp";

    private static boolean holdThisWrite(Path target) {
        String[] p = HOLD.split(":");
        return p[0].equals(target.getFileName().toString())
                && WRITES.merge(p[0], 1, Integer::sum) == Integer.parseInt(p[1]);
    }

    /** Removes temp files a killed writer left in a folder (they are never the committed file). */
    public static void removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (n.startsWith(TEMP_PREFIX) && n.endsWith(TEMP_SUFFIX) && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
