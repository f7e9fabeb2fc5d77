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

    static void checkReadable(Path file) {
        if (!Files.exists(file)) {
            throw new DataException("data file '" + file + "' does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new DataException("data file '" + file + "' is a directory, not a file");
        }
    }
}
