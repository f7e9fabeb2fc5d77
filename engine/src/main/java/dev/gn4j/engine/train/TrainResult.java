package dev.gn4j.engine.train;

import java.nio.file.Path;

/**
 * What a finished (or interrupted) run reports, and writes to summary.json. The
 * median step time covers the optimizer step alone, over the steps after the first
 * quarter of this invocation.
 */
public record TrainResult(Path runDir, long steps, double epochs, double initialTrainLoss, Evaluation finalTrain,
                          Evaluation finalVal, Evaluation finalTest, BestValidation best, double wallSeconds,
                          double medianStepSeconds, String device, String optimizer, long parameters, int fallbacks,
                          boolean interrupted) {

    public double finalTrainLoss() {
        return finalTrain.loss();
    }
}
