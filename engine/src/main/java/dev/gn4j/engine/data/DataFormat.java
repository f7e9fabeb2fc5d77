package dev.gn4j.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The file formats gn4j reads, told apart by file name and, failing that, by the first bytes. */
public enum DataFormat {
    CSV, NPY, LIBSVM, IDX;

    /** What {@link #of} accepts, for messages. */
    static final String KNOWN = ".csv or .csv.gz (CSV), .npy (NumPy), .svm, .libsvm, .svmlight or .txt (LIBSVM), "
            + "or an IDX images file named *idx3-ubyte[.gz]";

    public static DataFormat of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
            return CSV;
        }
        if (name.endsWith(".npy")) {
            return NPY;
        }
        if (name.endsWith(".svm") || name.endsWith(".libsvm") || name.endsWith(".svmlight") || name.endsWith(".txt")) {
            return LIBSVM;
        }
        if (name.contains("idx3-ubyte")) {
            return IDX;
        }
        if (name.contains("idx1-ubyte")) {
            throw new DataException(file + " is an IDX labels file; name the images file (…idx3-ubyte) instead, "
                    + "its labels are found next to it by name");
        }
        byte[] head = head(file);
        if (head.length >= 6 && (head[0] & 0xFF) == 0x93 && new String(head, 1, 5, java.nio.charset.StandardCharsets.ISO_8859_1)
                .equals("NUMPY")) {
            return NPY;
        }
        throw new DataException("cannot tell the format of " + file + " from its name; gn4j reads " + KNOWN);
    }

    /** Whether the file, by its name, is LIBSVM or IDX: formats whose one target ("label") needs no --target. */
    public static boolean namesItsTarget(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".svm") || name.endsWith(".libsvm") || name.endsWith(".svmlight") || name.endsWith(".txt")
                || name.contains("idx3-ubyte");
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(8);
        } catch (IOException e) {
            throw new DataException("cannot read '" + file + "': " + e.getMessage(), e);
        }
    }
}
