package dev.gn4j.engine.train;

import dev.gn4j.engine.data.ColumnScaler;
import dev.gn4j.engine.data.BuiltinDataset;
import dev.gn4j.engine.data.BuiltinDatasets;
import dev.gn4j.engine.data.DataFiles;
import dev.gn4j.engine.data.DatasetFetcher;
import dev.gn4j.engine.data.DatasetSplits;
import dev.gn4j.engine.data.DataException;
import dev.gn4j.engine.data.Dataset;
import dev.gn4j.engine.data.Seeds;
import dev.gn4j.engine.data.Standardization;
import dev.gn4j.engine.model.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The data of a run, ready for the device: the training rows, optional validation
 * and test rows, all standardized with statistics of the training rows alone.
 */
public record TrainingData(Dataset train, Dataset val, Dataset test, ColumnScaler features, ColumnScaler targets,
                           String description) {
    private static final long VALIDATION_SPLIT = 0x7A11L;

    /** The --val value that, with --dataset, names the built-in dataset's own test split. */
    public static final String TEST_SPLIT = "test";

    public static TrainingData load(TrainConfig cfg) {
        Dataset all;
        Dataset test = null;
        String description;
        boolean classification = cfg.loss() == Loss.CE;
        if (cfg.data() != null) {
            all = DataFiles.read(cfg.data(), cfg.targets(), classification, cfg.csv().withEncoding(null));
            description = cfg.data().toString();
        } else if (cfg.dataset() != null) {
            BuiltinDataset builtin = BuiltinDatasets.get(cfg.dataset());
            List<String> targets = cfg.targets().isEmpty() ? builtin.targets() : cfg.targets();
            DatasetSplits splits = builtin.load(targets, classification, DatasetFetcher.standard(
                    line -> org.slf4j.LoggerFactory.getLogger(TrainingData.class).info(line)));
            all = splits.train();
            test = splits.test() == null ? null : align(splits.test(), all, cfg.dataset() + " test split");
            description = "builtin:" + builtin.name();
        } else {
            throw new DataException("no training data: pass --data FILE or --dataset NAME");
        }
        if (classification) {
            checkClasses(all, description);
        }
        Dataset train = all;
        Dataset val = null;
        if (cfg.val() != null && cfg.valSplit() > 0) {
            throw new IllegalArgumentException("give either --val FILE or --val-split FRACTION, not both");
        }
        if (cfg.val() != null && cfg.dataset() != null && cfg.val().toString().equals(TEST_SPLIT)) {
            // Curves of the test metric for reports; tuning belongs on --val-split, which leaves the test split alone.
            if (test == null) {
                throw new DataException("--val test: the built-in dataset " + cfg.dataset() + " has no test split");
            }
            val = test;
        } else if (cfg.val() != null) {
            // The validation file is read with the training file's encoding: its categories and fill values.
            val = align(DataFiles.read(cfg.val(), all.targetNames(), classification, cfg.csv().withEncoding(all.encoding())), all,
                    cfg.val().toString());
        } else if (cfg.valSplit() > 0) {
            if (!(cfg.valSplit() < 1)) {
                throw new IllegalArgumentException("--val-split must be a fraction in (0, 1), got " + cfg.valSplit());
            }
            int nVal = (int) Math.round(all.rows() * cfg.valSplit());
            if (nVal < 1 || nVal >= all.rows()) {
                throw new IllegalArgumentException("--val-split " + cfg.valSplit() + " of " + all.rows()
                        + " rows leaves no validation or no training rows");
            }
            int[] perm = permutation(all.rows(), Seeds.mix(cfg.seed(), VALIDATION_SPLIT, 0));
            int[] valIdx = java.util.Arrays.copyOfRange(perm, 0, nVal);
            int[] trainIdx = java.util.Arrays.copyOfRange(perm, nVal, perm.length);
            java.util.Arrays.sort(valIdx);
            java.util.Arrays.sort(trainIdx);
            val = all.subset(valIdx, "validation");
            train = all.subset(trainIdx, "training");
        }
        ColumnScaler f = cfg.standardize() == Standardization.NONE
                ? ColumnScaler.identity(train.featureCount())
                : ColumnScaler.fit(train.features(), train.rows(), train.featureCount());
        ColumnScaler t = cfg.standardize() == Standardization.ALL && cfg.loss() == Loss.MSE
                ? ColumnScaler.fit(train.targets(), train.rows(), train.targetWidth())
                : ColumnScaler.identity(train.targetWidth());
        boolean regression = cfg.loss() == Loss.MSE;
        requireFinite(f, train.featureNames(), "feature", description);
        requireFinite(t, train.targetNames(), "target", description);
        Dataset scaledTrain = scaleInPlace(train, f, t, regression);
        requireRepresentable(scaledTrain, cfg, regression);
        Dataset scaledVal = val == null ? null : scaleInPlace(val, f, t, regression);
        // --val test makes the two one table: scaled once.
        Dataset scaledTest = test == null ? null : test == val ? scaledVal : scaleInPlace(test, f, t, regression);
        return new TrainingData(scaledTrain, scaledVal, scaledTest, f, t, description);
    }

    /**
     * At least two classes present in the rows (integer labels name the classes 0..max, so
     * labels that are all 1 would make a 2-class net whose class 0 never occurs), and labels
     * that are classes: decimals are a regression target, and nearly one class a row is
     * more likely an id or a measurement than a category.
     */
    private static void checkClasses(Dataset all, String description) {
        String target = all.targetNames().get(0);
        java.util.Set<Integer> present = new java.util.TreeSet<>();
        for (double v : all.targets()) {
            present.add((int) v);
        }
        if (present.size() < 2) {
            throw new DataException(description + ": target '" + target + "' holds a single class ('"
                    + all.classNames().get(present.iterator().next()) + "'); ce needs rows of at least two classes");
        }
        int decimals = 0;
        for (String name : all.classNames()) {
            if (name.matches("[+-]?(\\d+\\.\\d*|\\.\\d+)([eE][+-]?\\d+)?") && !name.matches("[+-]?\\d+\\.0*")) {
                decimals++;
            }
        }
        if (decimals > 0) {
            throw new DataException(description + ": target '" + target + "' holds decimal numbers (e.g. '"
                    + all.classNames().stream().filter(n -> n.contains(".")).findFirst().orElse("") + "'), not class labels; "
                    + "train a regression with --loss mse");
        }
        int classes = all.classNames().size();
        if (classes >= 20 && classes * 4L > all.rows()) {
            org.slf4j.LoggerFactory.getLogger(TrainingData.class).warn(
                    "{}: target '{}' has {} classes for {} rows (fewer than 4 rows a class): is it a category, or an id or "
                            + "a measurement that belongs in --loss mse?", description, target, classes, all.rows());
        }
    }

    /** Mean and scale of every column finite, or a data error naming it. */
    private static void requireFinite(ColumnScaler s, List<String> names, String kind, String description) {
        for (int j = 0; j < s.mean().length; j++) {
            if (!Double.isFinite(s.mean()[j]) || !Double.isFinite(s.scale()[j])) {
                throw new DataException(description + ": " + kind + " column '" + names.get(j) + "' spans more than a double can "
                        + "hold (its standard deviation overflows); rescale it, e.g. to other units or a logarithm");
            }
        }
    }

    /**
     * Training squares and sums every value: beyond about 1e150 in float64 (1e18 in float32)
     * the arithmetic overflows and the run would fail as if it diverged. Such a column is a
     * data error naming it and what to do.
     */
    private static void requireRepresentable(Dataset train, TrainConfig cfg, boolean regression) {
        double limit = cfg.dtype() == dev.gn4j.engine.backend.DType.F32 ? 1e18 : 1e150;
        int d = train.featureCount();
        for (int i = 0; i < train.features().length; i++) {
            if (Math.abs(train.features()[i]) > limit) {
                throw new DataException(train.source() + ": feature '" + train.featureNames().get(i % d) + "' reaches "
                        + String.format(java.util.Locale.ROOT, "%.3g", train.features()[i]) + " after --standardize "
                        + cfg.standardize().name().toLowerCase(java.util.Locale.ROOT) + ", too large for " + cfg.dtype().name().toLowerCase(java.util.Locale.ROOT) + " training; standardize it "
                        + "(--standardize features) or rescale the column");
            }
        }
        if (regression) {
            int w = train.targetWidth();
            for (int i = 0; i < train.targets().length; i++) {
                if (Math.abs(train.targets()[i]) > limit) {
                    throw new DataException(train.source() + ": target '" + train.targetNames().get(i % w) + "' reaches "
                            + String.format(java.util.Locale.ROOT, "%.3g", train.targets()[i]) + ", too large for the "
                            + cfg.dtype().name().toLowerCase(java.util.Locale.ROOT) + " squared loss; use --standardize all, or rescale the target");
                }
            }
        }
    }

    /** The transform of training applied to another table of the same layout, as a copy. */
    public static Dataset scale(Dataset d, ColumnScaler f, ColumnScaler t, boolean regression) {
        return new Dataset(d.source(), d.rows(), d.featureNames(), f.apply(d.features()), d.targetNames(),
                regression ? t.apply(d.targets()) : d.targets(), d.classNames(), d.lines(), d.encoding());
    }

    /**
     * The transform of training applied to a table of the same layout, in its own arrays:
     * every table here was read or copied for this run alone, and the data is the largest
     * thing a run holds on the heap, so it is not copied again.
     */
    private static Dataset scaleInPlace(Dataset d, ColumnScaler f, ColumnScaler t, boolean regression) {
        f.applyInPlace(d.features());
        if (regression) {
            t.applyInPlace(d.targets());
        }
        return d;
    }

    /**
     * Re-expresses {@code d} in the layout of {@code reference}: features in the
     * reference's order (by name), class indices in the reference's class list. A
     * missing feature or a class the reference never saw is a data error.
     */
    public static Dataset align(Dataset d, Dataset reference, String what) {
        return align(d, reference.featureNames(), reference.classNames(), what);
    }

    public static Dataset align(Dataset d, List<String> features, List<String> classes, String what) {
        int[] cols = new int[features.size()];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = d.featureNames().indexOf(features.get(j));
            if (cols[j] < 0) {
                throw new DataException(what + " has no column '" + features.get(j) + "', which the model was trained on; "
                        + "its columns are: " + String.join(", ", d.featureNames()) + (d.targetNames().isEmpty() ? "" : ", "
                        + String.join(", ", d.targetNames())));
            }
        }
        int n = d.rows(), dIn = d.featureCount();
        double[] x = new double[n * cols.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols.length; j++) {
                x[i * cols.length + j] = d.features()[i * dIn + cols[j]];
            }
        }
        double[] y = d.targets();
        if (classes != null && d.classNames() != null) {
            y = new double[n];
            int[] map = new int[d.classNames().size()];
            for (int k = 0; k < map.length; k++) {
                map[k] = classes.indexOf(d.classNames().get(k));
            }
            for (int i = 0; i < n; i++) {
                int local = (int) d.targets()[i];
                if (map[local] < 0) {
                    throw new DataException(d.where(i) + " has class label '" + d.classNames().get(local)
                            + "', which was not seen in training (classes: " + String.join(", ", classes) + ")");
                }
                y[i] = map[local];
            }
        }
        return new Dataset(d.source(), n, List.copyOf(features), x, d.targetNames(), y, classes == null ? d.classNames() : classes,
                d.lines(), d.encoding());
    }

    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    public List<String> describeSplits() {
        List<String> parts = new ArrayList<>();
        parts.add(train.rows() + " training rows");
        if (val != null) {
            parts.add(val.rows() + " validation");
        }
        if (test != null) {
            parts.add(test.rows() + " test");
        }
        return parts;
    }
}
