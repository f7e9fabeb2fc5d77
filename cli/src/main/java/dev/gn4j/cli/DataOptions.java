package dev.gn4j.cli;

import dev.gn4j.engine.data.CsvOptions;
import dev.gn4j.engine.data.Standardization;
import dev.gn4j.engine.train.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** gn4j train's options of the data: the file or built-in dataset, its targets and validation split, how it is read (a picocli mixin). */
final class DataOptions {
    @Option(names = "--data", paramLabel = "FILE", description = "Training data: CSV with a header row (.csv, .csv.gz), NumPy (.npy), LIBSVM (.svm, .libsvm) or IDX "
            + "(MNIST's format), by its name's ending.")
    Path data;

    @Option(names = "--dataset", paramLabel = "NAME", description = "A built-in dataset instead of --data (see 'gn4j data list').")
    String dataset;

    @Option(names = "--val", paramLabel = "FILE|test", description = "Validation data with the training data's columns; "
            + "with --dataset, 'test' tracks the dataset's test split instead (for curves of the test metric; tune on --val-split).")
    Path val;

    @Option(names = "--val-split", paramLabel = "FRACTION", defaultValue = "0",
            description = "Hold out this fraction of the training rows for validation (drawn from --seed).")
    double valSplit;

    @CommandLine.Mixin
    CsvReadOptions csv = new CsvReadOptions();

    @Option(names = "--missing", paramLabel = "refuse|mean|median|zero", defaultValue = "refuse",
            description = "Missing cells (empty, NA, N/A, ?) of feature columns: refused with their line, or filled with the "
                    + "training rows' mean, median or zero (a string column's missing cell: none of its categories). The fill "
                    + "values are saved with the model. Default: ${DEFAULT-VALUE}.")
    String missing;

    @Option(names = "--target", paramLabel = "COLS", split = ",",
            description = "Target column(s), comma-separated; with --loss ce one column of class labels.")
    List<String> target;

    @Option(names = "--standardize", paramLabel = "none|features|all", defaultValue = "features",
            description = "Standardize features (and with 'all' regression targets) using training statistics. Default: ${DEFAULT-VALUE}.")
    String standardize;

    @Option(names = "--input-shape", paramLabel = "C×H×W",
            description = "The image each row of --data is (channels, height, width; features in NCHW order), for conv layers. "
                    + "Image datasets (digits, mnist, fashion-mnist) and IDX images files (n × H × W: 1×H×W) bring their own.")
    String inputShape;

    /** Sets the data options on the run's configuration, which checks them against each other. */
    void applyTo(TrainConfig.Builder cfg) {
        cfg.inputShape = inputShape == null ? null : dev.gn4j.engine.model.InputShape.parse(inputShape);
        cfg.data = data;
        cfg.dataset = dataset;
        cfg.targets = target == null ? List.of() : target.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        cfg.val = val;
        cfg.valSplit = valSplit;
        cfg.standardize = Standardization.parse(standardize);
        cfg.csv = csv.options(CsvOptions.Missing.parse(missing), null);
    }
}
