package dev.gn4j.engine.data;

/**
 * One file of a built-in dataset, with the SHA-256 it must have and its role: the
 * training split, the test split, or a file read together with one of those (the
 * labels file of IDX images).
 */
public record DataFile(String name, String sha256, Role role) {

    public enum Role { TRAIN, TEST, PAIRED }

    public DataFile {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("SHA-256 of " + name + " must be 64 lower-case hex digits: " + sha256);
        }
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("a dataset file name is a plain name, not a path: " + name);
        }
    }

    /** "1 file", "4 files": the count in messages. */
    public static String count(int files) {
        return files == 1 ? "1 file" : files + " files";
    }
}
