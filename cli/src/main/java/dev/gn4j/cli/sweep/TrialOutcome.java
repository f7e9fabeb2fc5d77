package dev.gn4j.cli.sweep;

/**
 * What became of one trial in this invocation.
 *
 * @param exitCode the worker's exit code; 0 for a trial skipped as finished, -1 when no worker ran or could start
 * @param seconds  wall time of the worker, 0 when none ran
 * @param message  for a failure, the line that says why; otherwise empty
 * @param resumed  whether the worker continued from a checkpoint
 * @param ran      whether a worker ran (false: finished earlier, or never started because of Ctrl-C)
 */
public record TrialOutcome(Trial trial, TrialStatus status, int exitCode, double seconds, String message, boolean resumed,
                           boolean ran) {
}
