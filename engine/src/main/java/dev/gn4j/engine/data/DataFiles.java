package dev.gn4j.engine.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a data file in whichever format it is: CSV, NPY, LIBSVM or IDX (see {@link DataFormat}). */
public final class DataFiles {
    /** The most values one table may hold: a Java array's limit, less a margin the JVM reserves. */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private DataFiles() {
    }

    /**
     * Reads {@code file}. For CSV and NPY, {@code targets} names the target column(s); for
     * LIBSVM and IDX it may be empty (their one target is "label").
     */
    public static Dataset read(Path file, List<String> targets, boolean classification) {
        checkReadable(file);
        return switch (DataFormat.of(file)) {
            case CSV -> CsvReader.read(file, targets, classification);
            case NPY -> NpyReader.read(file, targets, classification);
            case LIBSVM -> LibsvmReader.read(file, targets, classification);
            case IDX -> IdxReader.read(file, targets, classification);
        };
    }

    /**
     * For prediction: the target columns are read when the file has them; a CSV
     * without them is read as features only (its rows carry no targets).
     */
    public static Dataset readForPrediction(Path file, List<String> targets, boolean classification) {
        checkReadable(file);
        if (DataFormat.of(file) == DataFormat.CSV && !CsvReader.header(file).containsAll(targets)) {
            return CsvReader.readFeatures(file);
        }
        return read(file, targets, classification);
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
