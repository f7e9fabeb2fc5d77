package dev.gn4j.engine.data;

import dev.gn4j.engine.model.InputShape;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * A real dataset gn4j knows by name: what it is, where it comes from and under which
 * terms, its size, and its files with their SHA-256. Small ones are bundled in the
 * jar (CSV, read from the classpath folder {@code datasets/}); large ones are fetched
 * from {@code fetchedFrom} into the cache on first use.
 *
 * @param task         "regression" or "classification"
 * @param targets      the default target column(s)
 * @param attribution  who made the data, and the reference to cite
 * @param origin       where gn4j's copy comes from (a package and its version)
 * @param rows         rows of the training split
 * @param testRows     rows of the official test split, 0 when there is none
 * @param fetchedFrom  the package to fetch from, or null for a bundled dataset
 */
public record BuiltinDataset(String name, String task, List<String> targets, String description, String attribution,
                             String origin, String license, int rows, int testRows, int features, List<DataFile> files,
                             PackageSource fetchedFrom, InputShape imageShape) {

    public static final String REGRESSION = "regression";
    public static final String CLASSIFICATION = "classification";

    public BuiltinDataset {
        if (!task.equals(REGRESSION) && !task.equals(CLASSIFICATION)) {
            throw new IllegalArgumentException("task of " + name + " is regression or classification, not " + task);
        }
        targets = List.copyOf(targets);
        files = List.copyOf(files);
        if (files.stream().filter(f -> f.role() == DataFile.Role.TRAIN).count() != 1
                || files.stream().filter(f -> f.role() == DataFile.Role.TEST).count() > 1
                || (testRows > 0) != files.stream().anyMatch(f -> f.role() == DataFile.Role.TEST)) {
            throw new IllegalArgumentException(name + " needs one training file, and a test file exactly when it has test rows");
        }
        if (imageShape != null && imageShape.features() != features) {
            throw new IllegalArgumentException(name + ": images of " + imageShape + " are not " + features + " features");
        }
        if (fetchedFrom == null && !files.stream().allMatch(f -> isCsv(f.name()))) {
            throw new IllegalArgumentException("bundled datasets are CSV files: " + files);
        }
    }

    /** A dataset of plain features (no image shape). */
    public BuiltinDataset(String name, String task, List<String> targets, String description, String attribution, String origin,
                          String license, int rows, int testRows, int features, List<DataFile> files, PackageSource fetchedFrom) {
        this(name, task, targets, description, attribution, origin, license, rows, testRows, features, files, fetchedFrom, null);
    }

    /** This dataset with its features read as images of {@code shape} (for convolutions). */
    public BuiltinDataset withImageShape(InputShape shape) {
        return new BuiltinDataset(name, task, targets, description, attribution, origin, license, rows, testRows, features, files,
                fetchedFrom, shape);
    }

    public boolean bundled() {
        return fetchedFrom == null;
    }

    public boolean classification() {
        return task.equals(CLASSIFICATION);
    }

    public DataFile trainFile() {
        return files.stream().filter(f -> f.role() == DataFile.Role.TRAIN).findFirst().orElseThrow();
    }

    /** The test split's file, or null. */
    public DataFile testFile() {
        return files.stream().filter(f -> f.role() == DataFile.Role.TEST).findFirst().orElse(null);
    }

    /** The splits with the default targets, fetching into the standard cache if need be. */
    public DatasetSplits load() {
        return load(targets, classification(), DatasetFetcher.standard());
    }

    /**
     * The splits with other target columns or task (a bundled CSV may be read with any
     * of its columns as targets); a fetched dataset is fetched by {@code fetcher} first
     * unless its cache already holds the verified files.
     */
    public DatasetSplits load(List<String> targetColumns, boolean asClassification, DatasetFetcher fetcher) {
        DataFile test = testFile();
        if (bundled()) {
            return new DatasetSplits(readBundled(trainFile(), targetColumns, asClassification),
                    test == null ? null : readBundled(test, targetColumns, asClassification));
        }
        Path folder = fetch(fetcher);
        return new DatasetSplits(DataFiles.read(folder.resolve(trainFile().name()), targetColumns, asClassification),
                test == null ? null : DataFiles.read(folder.resolve(test.name()), targetColumns, asClassification));
    }

    /** Makes sure the cache holds this dataset's verified files and returns their folder. */
    public Path fetch(DatasetFetcher fetcher) {
        return fetcher.fetch(this);
    }

    /** The bytes of a bundled file, checked against its recorded SHA-256. */
    public byte[] bundledBytes(DataFile f) {
        String resource = "/datasets/" + f.name();
        byte[] bytes;
        try (InputStream in = BuiltinDataset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new DataException("the built-in file " + resource + " is missing from gn4j's classpath; the jar is incomplete");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new DataException("cannot read the built-in file " + resource + ": " + e.getMessage(), e);
        }
        String actual = Sha256.of(bytes);
        if (!actual.equals(f.sha256())) {
            throw new DataException("the built-in file " + resource + " has SHA-256 " + actual + ", expected " + f.sha256()
                    + "; gn4j's jar is damaged");
        }
        return bytes;
    }

    private Dataset readBundled(DataFile f, List<String> targetColumns, boolean asClassification) {
        byte[] bytes = bundledBytes(f);
        try (InputStream in = f.name().toLowerCase(Locale.ROOT).endsWith(".gz")
                ? new GZIPInputStream(new ByteArrayInputStream(bytes)) : new ByteArrayInputStream(bytes)) {
            return CsvReader.read("builtin:" + f.name(), in, targetColumns, asClassification);
        } catch (IOException e) {
            throw new DataException("cannot read the built-in file " + f.name() + ": " + e.getMessage(), e);
        }
    }

    private static boolean isCsv(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".csv.gz");
    }
}
