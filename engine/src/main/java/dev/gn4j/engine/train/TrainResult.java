package dev.gn4j.engine.train;

import java.nio.file.Path;

/**
 * What a finished (or interrupted) run reports, and writes to summary.json. The
 * median step time covers the optimizer step alone, over the steps after the first
 * quarter of this invocation. Training seconds are the wall seconds spent loading batches and stepping,
 * without evaluation and checkpoints: the time axis on which optimizers are compared.
 */
public record TrainResult(Path runDir, long steps, double epochs, double initialTrainLoss, Evaluation finalTrain,
                          Evaluation finalVal, Evaluation finalTest, BestValidation best, double wallSeconds,
                          double trainSeconds,
                          double medianStepSeconds, String device, String optimizer, long parameters, int fallbacks,
                          boolean interrupted, java.util.List<String> warnings) {

    public double finalTrainLoss() {
        return finalTrain.loss();
    }
}
