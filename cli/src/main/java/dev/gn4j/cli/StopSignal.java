package dev.gn4j.cli;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP during training. Once the step loop has started
 * ({@link #arm}), the first asks the run to finish its step, save a checkpoint and stop, and
 * the command then exits with 128 + the signal's number (130, 143, 129); a second one exits
 * at once. Before that (loading the data, which may block on a pipe or take a while) there
 * is nothing to save, so the signal ends the process at once with the same code. The
 * previous handlers come back on close, so in-process callers (tests) are unaffected.
 */
final class StopSignal implements AutoCloseable {
    /** The signals handled and their numbers (exit code 128 + number, as a shell reports them). */
    static final Map<String, Integer> SIGNALS = Map.of("INT", 2, "TERM", 15, "HUP", 1);

    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicInteger number = new AtomicInteger();
    private final Map<String, SignalHandler> previous = new java.util.HashMap<>();

    private StopSignal() {
        SignalHandler handler = sig -> stop("SIG" + sig.getName(), sig.getNumber());
        for (String name : SIGNALS.keySet()) {
            SignalHandler p = install(name, handler);
            if (p != null) {
                previous.put(name, p);
            }
        }
    }

    static StopSignal install() {
        return new StopSignal();
    }

    /** What a signal does; also called for the stop of a sweep worker whose sweep has ended (as SIGTERM). */
    void stop(String why, int signalNumber) {
        int code = 128 + signalNumber;
        if (!armed.get()) {
            System.err.println("\ngn4j: stopped (" + why + ") before training began; nothing to save");
            Runtime.getRuntime().halt(code);
        }
        if (requested.getAndSet(true)) {
            System.err.println("\ngn4j: interrupted again; exiting without saving");
            Runtime.getRuntime().halt(code);
        }
        number.set(signalNumber);
        System.err.println("\ngn4j: stopping (" + why + ") after this step and saving a checkpoint (Ctrl-C again to quit at once)");
    }

    /** From now on a signal finishes the step and saves, instead of ending the process. */
    void arm() {
        armed.set(true);
    }

    boolean requested() {
        return requested.get();
    }

    /** The exit code of a run stopped by a signal: 128 + its number (Ctrl-C: 130). */
    int exitCode() {
        int n = number.get();
        return n == 0 ? Main.INTERRUPTED : 128 + n;
    }

    private static SignalHandler install(String name, SignalHandler h) {
        try {
            return Signal.handle(new Signal(name), h);
        } catch (IllegalArgumentException e) {
            return null; // signal not available here (e.g. reserved by the JVM's -Xrs)
        }
    }

    @Override
    public void close() {
        previous.forEach((name, h) -> Signal.handle(new Signal(name), h));
    }
}
