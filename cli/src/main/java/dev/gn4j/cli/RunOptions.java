package dev.gn4j.cli;

import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.train.TrainConfig;
import dev.gn4j.engine.train.Trainer;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * gn4j train's options of the run: its length and batch, precision, device, seed and initial
 * weights, its folder, and how often it logs, evaluates and checkpoints (a picocli mixin).
 */
final class RunOptions {
    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "0", description = "Evaluate validation every N steps (default: with every metrics row).")
    long evalEvery;

    @Option(names = "--save-every", paramLabel = "N", defaultValue = "0", description = "Checkpoint every N steps. Default: at the end of the first epoch, then at an epoch end once 30 s have passed since the last checkpoint or at any step once 5 min have; always at the end and on Ctrl-C.")
    long saveEvery;

    @Option(names = "--batch", paramLabel = "N|full|auto", defaultValue = "auto",
            description = "Mini-batch size, full, or auto: the whole training set up to " + Trainer.AUTO_FULL_BATCH_ROWS
                    + " rows, else batches of " + Trainer.AUTO_BATCH + " (the curvature system is batch × outputs wide). Default: ${DEFAULT-VALUE}.")
    String batch;

    @Option(names = "--steps", paramLabel = "N", description = "Number of optimizer steps (overrides --epochs).")
    Long steps;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20", description = "Passes over the data when --steps is not given. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--dtype", paramLabel = "f32|f64", defaultValue = "f32", description = "Working precision. Default: ${DEFAULT-VALUE}.")
    String dtype;

    @Option(names = "--init", paramLabel = "FILE", description = "Initial weights from a safetensors file (layers.{i}.weight / layers.{i}.bias, F32 or F64).")
    Path init;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto", description = "Where to train. Default: ${DEFAULT-VALUE} (the GPU when there is one).")
    String device;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of initialization and data order. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<timestamp>-<optimizer>).")
    Path out;

    @Option(names = "--log-every", paramLabel = "N", defaultValue = "0", description = "Metrics row every N steps. Default: for sgd and adam as often as keeps the evaluations under 10%% of "
                    + "the training work; for the Gauss-Newton family every step up to 2048 rows, else ten an epoch.")
    long logEvery;

    /** Reads --batch and sets the run options on the run's configuration, which checks them. */
    void applyTo(TrainConfig.Builder cfg) {
        cfg.evalEvery = evalEvery;
        cfg.saveEvery = saveEvery;
        if (batch.equalsIgnoreCase("full")) {
            cfg.batch = 0;
        } else if (batch.equalsIgnoreCase("auto")) {
            cfg.batch = TrainConfig.AUTO_BATCH_SIZE;
        } else {
            try {
                cfg.batch = Integer.parseInt(batch.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--batch takes a positive integer or 'full', got '" + batch + "'");
            }
            if (cfg.batch <= 0) {
                throw new IllegalArgumentException("--batch must be positive, got " + cfg.batch);
            }
        }
        if (steps != null) {
            if (steps <= 0) { // 0 would mean "derive from --epochs" in the configuration
                throw new IllegalArgumentException("--steps must be positive, got " + steps);
            }
            cfg.steps = steps;
        }
        cfg.epochs = epochs;
        cfg.dtype = DType.parse(dtype);
        cfg.init = init;
        cfg.device = device;
        cfg.seed = seed;
        cfg.out = out;
        cfg.logEvery = logEvery;
    }
}
