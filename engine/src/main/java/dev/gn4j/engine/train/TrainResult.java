package dev.gn4j.engine.train;

import java.nio.file.Path;

/**
 * What a finished run reports (and writes to summary.json). The median step time
 * covers the optimizer step alone (no evaluation), over the steps after the first quarter.
 */
public record TrainResult(Path runDir, long steps, double epochs, double initialTrainLoss, double finalTrainLoss,
                          double finalTrainAccuracy, double wallSeconds, double medianStepSeconds, String device,
                          String optimizer, long parameters, int fallbacks) {
}
