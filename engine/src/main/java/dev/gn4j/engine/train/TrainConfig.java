package dev.gn4j.engine.train;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.data.Standardization;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.optim.OptimizerConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Every resolved option of a training run. */
public final class TrainConfig {
    public Path data;
    /** A built-in dataset instead of a file. */
    public String dataset;
    public List<String> targets = List.of();
    public String model = "64-tanh";
    public Loss loss = Loss.MSE;
    public OptimizerConfig optimizer = OptimizerConfig.of(dev.gn4j.engine.optim.Method.EGN);
    /** Batch size; 0 = full batch; {@link #AUTO_BATCH_SIZE} = full up to a size, else fixed batches. */
    public int batch = AUTO_BATCH_SIZE;
    public static final int AUTO_BATCH_SIZE = -1;
    /** Steps to run; 0 = derive from epochs. */
    public long steps;
    /** Epochs to run when steps is 0. */
    public int epochs = 20;
    public DType dtype = DType.F32;
    public long seed = 0;
    public Standardization standardize = Standardization.FEATURES;
    public Path init;
    public Path out;
    public String device = "auto";
    /** Log a metrics row (with the full-data training loss) every this many steps; 0 = automatic. */
    public long logEvery;
    /** Validation data from a file, or a fraction of the training rows held out. */
    public Path val;
    public double valSplit;
    /** Evaluate validation every this many steps; 0 = with every metrics row. */
    public long evalEvery;
    /** Save a checkpoint every this many steps; 0 = every epoch. Always at the end. */
    public long saveEvery;
    /** The adaptive-λ floor; NaN = auto: {@link #MINI_BATCH_LAMBDA_MIN} on mini-batches, the optimizer's own on the full batch. */
    public double lambdaMin = Double.NaN;
    public static final double MINI_BATCH_LAMBDA_MIN = 0.1;
    /** How CSV files are read: the delimiter, missing cells, unseen categories (its encoding is fitted on --data). */
    public dev.gn4j.engine.data.CsvOptions csv = dev.gn4j.engine.data.CsvOptions.DEFAULT;
    /** Continue the run in {@link #out} from its checkpoint. */
    public boolean resume;
    /** Resume on a data file whose bytes differ from the run's (its columns must still match). */
    public boolean resumeOnNewData;
    /** The options as given (flag name → value), recorded in config.json so a run can be repeated or resumed. */
    public Map<String, Object> options = new LinkedHashMap<>();
    public Progress progress = Progress.NONE;
    /** Polled after every step; true finishes the step, saves and stops (Ctrl-C). */
    public BooleanSupplier stopRequested = () -> false;
    /** Called once, right before the first step: from then on a stop request finishes the step and saves. */
    public Runnable trainingStarted = () -> { };
}
