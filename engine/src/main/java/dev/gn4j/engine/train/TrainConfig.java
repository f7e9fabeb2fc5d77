package dev.gn4j.engine.train;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.data.Standardization;
import dev.gn4j.engine.model.Loss;
import dev.gn4j.engine.optim.OptimizerConfig;
import java.nio.file.Path;
import java.util.List;

/** Every resolved option of a training run. */
public final class TrainConfig {
    public Path data;
    public List<String> targets = List.of();
    public String model = "64-tanh";
    public Loss loss = Loss.MSE;
    public final OptimizerConfig optimizer = new OptimizerConfig();
    /** Batch size; 0 = full batch. */
    public int batch = 0;
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
}
