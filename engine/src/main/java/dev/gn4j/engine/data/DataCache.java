package dev.gn4j.engine.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The folder that holds fetched datasets, one sub-folder per dataset:
 * {@code $GN4J_CACHE} if set, else {@code ~/.cache/gn4j}. Files count as present only
 * when their SHA-256 is the one recorded for them.
 */
public record DataCache(Path root) {
    public static final String ENV = "GN4J_CACHE";

    /** Where a dataset stands in the cache. */
    public enum Status { VERIFIED, NOT_FETCHED, DAMAGED }

    /** The cache of this process's environment. */
    public static DataCache standard() {
        return fromEnvironment(System.getenv(), System.getProperty("user.home"));
    }

    public static DataCache fromEnvironment(Map<String, String> env, String userHome) {
        String dir = env.get(ENV);
        if (dir != null && !dir.isBlank()) {
            return new DataCache(Path.of(dir));
        }
        return new DataCache(Path.of(userHome, ".cache", "gn4j"));
    }

    public Path folder(BuiltinDataset d) {
        return root.resolve(d.name());
    }

    public Status status(BuiltinDataset d) {
        boolean any = d.files().stream().anyMatch(f -> Files.exists(folder(d).resolve(f.name())));
        if (!any) {
            return Status.NOT_FETCHED;
        }
        return problem(d).isEmpty() ? Status.VERIFIED : Status.DAMAGED;
    }

    /** Why the cache does not hold d's verified files (a missing file, a wrong checksum), or empty when it does. */
    public Optional<String> problem(BuiltinDataset d) {
        for (DataFile f : d.files()) {
            Path p = folder(d).resolve(f.name());
            if (!Files.isRegularFile(p)) {
                return Optional.of(p + " is missing");
            }
            String actual;
            try {
                actual = Sha256.of(p);
            } catch (IOException e) {
                return Optional.of("cannot read " + p + ": " + e.getMessage());
            }
            if (!actual.equals(f.sha256())) {
                return Optional.of(p + " has SHA-256 " + actual + ", expected " + f.sha256());
            }
        }
        return Optional.empty();
    }
}
