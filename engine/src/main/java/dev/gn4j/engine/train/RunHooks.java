package dev.gn4j.engine.train;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What a run tells its caller and asks it, apart from what it trains: the progress display,
 * the stop request (polled after every step; true finishes the step, saves and stops, as
 * Ctrl-C does), and the moment right before the first step, from which a stop request is
 * honoured that way.
 */
public record RunHooks(Progress progress, BooleanSupplier stopRequested, Runnable trainingStarted) {
    /** No display, never stopped. */
    public static final RunHooks NONE = new RunHooks(Progress.NONE, () -> false, () -> { });

    public RunHooks {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(stopRequested, "stopRequested");
        Objects.requireNonNull(trainingStarted, "trainingStarted");
    }
}
