package dev.gn4j.engine.train;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import dev.gn4j.engine.data.BatchSampler;
import dev.gn4j.engine.optim.Objective;
import dev.gn4j.engine.optim.Optimizer;

/**
 * One training run while it runs: what it trains with (the backend, θ, the optimizer, the data's
 * feeder and evaluators, its folder) and how far it has come (the step, the clocks, the last and
 * best evaluations). {@link Trainer} fills it, steps it and reads the result from it.
 */
final class RunState {
    final Backend be;
    final Objective objective;
    final Optimizer optimizer;
    final BatchSampler sampler;
    final long steps;
    final int curvatureBatch;
    final RunSchedule schedule;
    final RunFolder folder;
    Mat theta;
    DeviceFeeder feeder;
    DatasetEvaluator trainEval;
    /** The metrics rows between the first and the last: trainEval, or a fixed subsample of a large training set. */
    DatasetEvaluator rowsEval;
    DatasetEvaluator valEval;
    SavedModelWriter modelWriter;
    RunHealth health;

    /** The last step taken: 0 before the first, the checkpoint's step on resume. */
    long t;
    double elapsedBefore;
    double trainSeconds;
    long start;
    long lastSave;
    boolean savedCheckpoint;
    /** The times of the steps this session takes (up to a million), for the median. */
    double[] stepSeconds;
    int timed;
    int fallbacks;
    BestValidation best = BestValidation.NONE;
    double initialLoss = Double.NaN;
    Evaluation lastTrain;
    Evaluation lastVal;
    boolean interrupted;

    RunState(Backend be, Objective objective, Optimizer optimizer, BatchSampler sampler, long steps, int curvatureBatch,
             RunSchedule schedule, RunFolder folder) {
        this.be = be;
        this.objective = objective;
        this.optimizer = optimizer;
        this.sampler = sampler;
        this.steps = steps;
        this.curvatureBatch = curvatureBatch;
        this.schedule = schedule;
        this.folder = folder;
    }

    /** Continues a checkpointed run: its step, its clocks and its best validation. */
    void resumeFrom(TrainingCheckpoint checkpoint) {
        t = checkpoint.step();
        elapsedBefore = checkpoint.elapsedSeconds();
        trainSeconds = checkpoint.trainSeconds();
        best = checkpoint.best();
    }

    /** Wall-clock seconds of the run, its earlier sessions included. */
    double wallSeconds() {
        return elapsedBefore + (System.nanoTime() - start) / 1e9;
    }
}
