package dev.gn4j.engine.train;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.DType;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.data.BatchSampler;
import dev.gn4j.engine.data.DataException;
import dev.gn4j.engine.io.AtomicFiles;
import dev.gn4j.engine.io.SavedModel;
import dev.gn4j.engine.model.Mlp;
import dev.gn4j.engine.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A run's folder and the files a run writes there: metrics.csv (rows as the run goes),
 * checkpoint.safetensors and model.safetensors (at each save), config.json (at the start),
 * summary.json and the plots (at the end). It says what state the folder is in (a new
 * folder, a run to resume, a run that stopped before its first checkpoint) and refuses what
 * would overwrite a run.
 */
final class RunFolder {
    static final String METRICS = "metrics.csv";
    static final String SUMMARY = "summary.json";
    static final String CONFIG = "config.json";

    private final Path dir;

    RunFolder(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path metrics() {
        return dir.resolve(METRICS);
    }

    Path checkpoint() {
        return dir.resolve(TrainingCheckpoint.FILE_NAME);
    }

    Path config() {
        return dir.resolve(CONFIG);
    }

    /** A run that stopped before its first checkpoint: nothing to continue, so the folder is reused from step 0. */
    boolean deadEnd() {
        return !Files.exists(checkpoint()) && !Files.exists(dir.resolve(SUMMARY)) && Files.exists(metrics());
    }

    /** Refuses a fresh start where a run already is (a dead end excepted). */
    void requireFreshStart() {
        if (!deadEnd() && (Files.exists(metrics()) || Files.exists(checkpoint()))) {
            throw new IllegalArgumentException("--out " + dir + " already holds a run; continue it with --resume "
                    + dir + ", or choose another --out (nothing was overwritten)");
        }
    }

    /** Before a resume: the checkpoint must be there; the temp files of a write a crash cut short go. */
    void requireCheckpoint() throws IOException {
        if (!Files.exists(checkpoint())) {
            throw new DataException("cannot resume: " + dir + " has no " + TrainingCheckpoint.FILE_NAME);
        }
        AtomicFiles.removeLeftovers(dir);
    }

    /**
     * The checkpoint to continue from (after {@link #requireCheckpoint}), checked against this run: the model's size, the
     * optimizer, and the steps asked for (a run that stopped between its final checkpoint and
     * summary.json is finished by a resume that takes no step).
     */
    TrainingCheckpoint resumable(Mlp mlp, String optimizer, long steps) throws IOException {
        TrainingCheckpoint resumed = TrainingCheckpoint.read(checkpoint());
        if (resumed.theta().length != mlp.parameterCount()) {
            throw new DataException("cannot resume: the checkpoint in " + dir + " has " + resumed.theta().length
                    + " parameters, the model " + mlp + " has " + mlp.parameterCount());
        }
        if (!resumed.optimizerName().equals(optimizer)) {
            throw new IllegalArgumentException("cannot resume a " + resumed.optimizerName() + " run with --optimizer " + optimizer);
        }
        if (resumed.step() >= steps && Files.exists(dir.resolve(SUMMARY))) {
            throw new IllegalArgumentException("the run in " + dir + " already ran " + resumed.step()
                    + " of " + steps + " steps; raise --steps or --epochs to continue it");
        }
        if (resumed.step() > steps) {
            throw new IllegalArgumentException("the run in " + dir + " already ran " + resumed.step()
                    + " steps, more than --steps " + steps + "; raise --steps or --epochs to continue it");
        }
        return resumed;
    }

    /** The checkpoint and the model at {@code step}; a folder deleted under the run is an error, not a folder made anew. */
    void save(Backend be, Mat theta, DType dtype, Optimizer optimizer, BatchSampler sampler, long step, double wall,
              double trainSeconds, BestValidation best, SavedModelWriter modelWriter) throws IOException {
        // The atomic writes would create a deleted folder anew, and metrics.csv would go on into an unlinked file.
        if (!Files.isDirectory(dir) || !Files.exists(metrics())) {
            throw new DataException("the run folder " + dir + " (or its metrics.csv) was deleted while the run was writing to it; "
                    + "nothing more was saved");
        }
        double[] th = be.download(theta);
        new TrainingCheckpoint(step, sampler.epoch(), sampler.position(), wall, trainSeconds, th, dtype, optimizer.save(be),
                optimizer.name(), best).write(checkpoint());
        modelWriter.write(dir.resolve(SavedModel.FILE_NAME), th);
    }

    /** summary.json, then the plots: the run's last files. */
    void finish(String summaryJson) throws IOException {
        AtomicFiles.writeString(dir.resolve(SUMMARY), summaryJson);
        RunPlots.write(dir);
    }

    /** The training loss at step 0 from metrics.csv (a resumed run did not measure it), or NaN. */
    double initialLoss() throws IOException {
        List<String> lines = Files.readAllLines(metrics());
        if (lines.size() > 1 && lines.get(1).startsWith("0,")) {
            int col = Arrays.asList(lines.get(0).split(",")).indexOf("train_loss");
            return Double.parseDouble(lines.get(1).split(",", -1)[col]);
        }
        return Double.NaN;
    }
}
