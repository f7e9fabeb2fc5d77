package dev.gn4j.engine.train;

import java.nio.file.Path;

/** What a finished run reports (and writes to summary.json). */
public record TrainResult(Path runDir, long steps, double epochs, double initialTrainLoss, double finalTrainLoss,
                          double finalTrainAccuracy, double wallSeconds, double secondsPerStep, String device,
                          String optimizer, long parameters, int fallbacks) {
}
