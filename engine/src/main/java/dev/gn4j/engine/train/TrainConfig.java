package dev.gn4j.engine.train;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.data.CsvOptions;
import dev.gn4j.engine.data.Standardization;
import dev.gn4j.engine.model.InputShape;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.optim.Method;
import dev.gn4j.engine.optim.OptimizerConfig;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every resolved option of a training run, checked once, where it is made. The command line
 * fills a {@link Builder} and builds one; the run's callbacks are apart, in {@link RunHooks}.
 *
 * @param dataset a built-in dataset instead of a file
 * @param batch batch size; 0 = full batch; {@link #AUTO_BATCH_SIZE} = full up to a size, else fixed batches
 * @param steps steps to run; 0 = derive from epochs
 * @param epochs epochs to run when steps is 0
 * @param logEvery a metrics row (with the full-data training loss) every this many steps; 0 = automatic
 * @param val validation data from a file (or {@code valSplit}, a fraction of the training rows held out)
 * @param evalEvery evaluate validation every this many steps; 0 = with every metrics row
 * @param saveEvery save a checkpoint every this many steps; 0 = every epoch; always at the end
 * @param lambdaMin the adaptive-λ floor; NaN = auto: {@link #MINI_BATCH_LAMBDA_MIN} on mini-batches, the
 *        optimizer's own on the full batch
 * @param csv how CSV files are read: the delimiter, missing cells, unseen categories (its encoding is fitted on data)
 * @param resume continue the run in {@code out} from its checkpoint
 * @param resumeOnNewData resume on a data file whose bytes differ from the run's (its columns must still match)
 * @param options the options as given (flag name → value), recorded in config.json so a run can be repeated or resumed
 * @param inputShape the image a sample's features are, for convolutions (null: the dataset's own, if it has one)
 */
public record TrainConfig(Path data, String dataset, List<String> targets, String model, Loss loss,
                          OptimizerConfig optimizer, int batch, long steps, int epochs, DType dtype, long seed,
                          Standardization standardize, Path init, Path out, String device, long logEvery, Path val,
                          double valSplit, long evalEvery, long saveEvery, double lambdaMin, CsvOptions csv,
                          boolean resume, boolean resumeOnNewData, Map<String, Object> options, InputShape inputShape) {
    public static final int AUTO_BATCH_SIZE = -1;
    public static final double MINI_BATCH_LAMBDA_MIN = 0.1;

    public TrainConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(standardize, "standardize");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(csv, "csv");
        targets = List.copyOf(targets);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        if (data != null && dataset != null) {
            throw new IllegalArgumentException("give either --data FILE or --dataset NAME, not both");
        }
        if (data == null && dataset == null) {
            throw new IllegalArgumentException("no data: give --data FILE or --dataset NAME");
        }
        if (data == null && !targets.isEmpty()) {
            throw new IllegalArgumentException("--target is given but no --data FILE to read it from");
        }
        if (data != null && targets.isEmpty() && !dev.gn4j.engine.data.DataFormat.namesItsTarget(data)) {
            throw new IllegalArgumentException("--target COLS is required with --data (the column(s) to predict)");
        }
        if (!(valSplit >= 0 && valSplit < 1)) {
            throw new IllegalArgumentException("--val-split must be a fraction in [0, 1), got " + valSplit);
        }
        if (batch < AUTO_BATCH_SIZE) {
            throw new IllegalArgumentException("--batch must be positive, got " + batch);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("--steps must be positive, got " + steps);
        }
        if (epochs <= 0) {
            throw new IllegalArgumentException("--epochs must be positive, got " + epochs);
        }
        if (logEvery < 0) {
            throw new IllegalArgumentException("--log-every must be positive, got " + logEvery);
        }
        if (evalEvery < 0) {
            throw new IllegalArgumentException("--eval-every must be positive");
        }
        if (saveEvery < 0) {
            throw new IllegalArgumentException("--save-every must be positive");
        }
        if (!Double.isNaN(lambdaMin) && (!(lambdaMin > 0) || !Double.isFinite(lambdaMin))) {
            throw new IllegalArgumentException("--lambda-min must be a positive number, got " + lambdaMin);
        }
        if (resume && out == null) {
            throw new IllegalArgumentException("--resume needs the run folder");
        }
        if (resumeOnNewData && !resume) {
            throw new IllegalArgumentException("--resume-on-new-data goes with --resume DIR");
        }
    }

    /** The options while they are read, with the defaults of a run; {@link #build} checks them. */
    public static final class Builder {
        public Path data;
        public String dataset;
        public List<String> targets = List.of();
        public String model = "64-tanh";
        public Loss loss = Loss.MSE;
        public OptimizerConfig optimizer = OptimizerConfig.of(Method.EGN);
        public int batch = AUTO_BATCH_SIZE;
        public long steps;
        public int epochs = 20;
        public DType dtype = DType.F32;
        public long seed;
        public Standardization standardize = Standardization.FEATURES;
        public Path init;
        public Path out;
        public String device = "auto";
        public long logEvery;
        public Path val;
        public double valSplit;
        public long evalEvery;
        public long saveEvery;
        public double lambdaMin = Double.NaN;
        public CsvOptions csv = CsvOptions.DEFAULT;
        public boolean resume;
        public boolean resumeOnNewData;
        public Map<String, Object> options = new LinkedHashMap<>();
        public InputShape inputShape;

        /** @throws IllegalArgumentException naming the flag of the first value out of range */
        public TrainConfig build() {
            return new TrainConfig(data, dataset, targets, model, loss, optimizer, batch, steps, epochs, dtype, seed,
                    standardize, init, out, device, logEvery, val, valSplit, evalEvery, saveEvery, lambdaMin, csv, resume,
                    resumeOnNewData, options, inputShape);
        }
    }
}
