package dev.gn4j.engine.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a data file in whichever format it is: CSV, NPY, LIBSVM or IDX (see {@link DataFormat}). */
public final class DataFiles {
    /** The most values one table may hold: a Java array's limit, less a margin the JVM reserves. */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;
    /** Deflate's largest compression ratio. */
    private static final long DEFLATE_MAX_RATIO = 1032;

    private DataFiles() {
    }

    /**
     * Reads {@code file}. For CSV and NPY, {@code targets} names the target column(s); for
     * LIBSVM and IDX it may be empty (their one target is "label").
     */
    public static Dataset read(Path file, List<String> targets, boolean classification) {
        return read(file, targets, classification, CsvOptions.DEFAULT);
    }

    /** As {@link #read(Path, List, boolean)}; {@code csv} says how a CSV file is read (the other formats are numeric). */
    public static Dataset read(Path file, List<String> targets, boolean classification, CsvOptions csv) {
        checkReadable(file);
        return switch (DataFormat.of(file)) {
            case CSV -> CsvReader.read(file, targets, classification, csv);
            case NPY -> NpyReader.read(file, targets, classification);
            case LIBSVM -> LibsvmReader.read(file, targets, classification);
            case IDX -> IdxReader.read(file, targets, classification);
        };
    }

    /**
     * For prediction: the target columns are read when the file has them; a CSV
     * without them is read as features only (its rows carry no targets).
     */
    public static Dataset readForPrediction(Path file, List<String> targets, boolean classification, CsvOptions csv) {
        checkReadable(file);
        if (DataFormat.of(file) == DataFormat.CSV && !CsvReader.header(file, csv).containsAll(targets)) {
            return CsvReader.readFeatures(file, csv);
        }
        return read(file, targets, classification, csv);
    }

    /**
     * The bytes of content in a file: its size, or for a gzip file the uncompressed size its
     * trailer records (modulo 2³², so only when that is not below the compressed size, nor
     * beyond what deflate can compress to it); 0
     * when unknown. Readers use it to refuse a file the heap cannot hold before reading it.
     */
    static long contentSize(Path file) {
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            java.nio.ByteBuffer magic = java.nio.ByteBuffer.allocate(2);
            read(ch, magic, 0);
            if (size < 18 || (magic.get(0) & 0xFF) != 0x1F || (magic.get(1) & 0xFF) != 0x8B) {
                return size;
            }
            java.nio.ByteBuffer trailer = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            read(ch, trailer, size - 4);
            long isize = Integer.toUnsignedLong(trailer.getInt(0));
            // A truncated or damaged file has no trailer: believe only sizes deflate can reach (at most 1032 to 1).
            return isize >= size && isize / DEFLATE_MAX_RATIO <= size ? isize : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static void read(java.nio.channels.SeekableByteChannel ch, java.nio.ByteBuffer into, long at) throws java.io.IOException {
        ch.position(at);
        while (into.hasRemaining() && ch.read(into) >= 0) {
            // a channel may return fewer bytes than asked
        }
    }

    static void checkReadable(Path file) {
        if (!Files.exists(file)) {
            throw new DataException("data file '" + file + "' does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new DataException("data file '" + file + "' is a directory, not a file");
        }
    }
}
