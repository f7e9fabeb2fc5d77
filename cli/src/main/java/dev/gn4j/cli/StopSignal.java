package dev.gn4j.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM during training: the first asks the run to finish its
 * step, save a checkpoint and stop; a second one exits at once. The previous
 * handlers come back on close, so in-process callers (tests) are unaffected.
 */
final class StopSignal implements AutoCloseable {
    private final AtomicBoolean requested = new AtomicBoolean();
    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;

    private StopSignal() {
        SignalHandler handler = sig -> {
            if (requested.getAndSet(true)) {
                System.err.println("\ngn4j: interrupted again; exiting without saving");
                Runtime.getRuntime().halt(Main.INTERRUPTED);
            }
            System.err.println("\ngn4j: stopping after this step and saving a checkpoint (Ctrl-C again to quit at once)");
        };
        previousInt = install("INT", handler);
        previousTerm = install("TERM", handler);
    }

    static StopSignal install() {
        return new StopSignal();
    }

    boolean requested() {
        return requested.get();
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
        if (previousInt != null) {
            Signal.handle(new Signal("INT"), previousInt);
        }
        if (previousTerm != null) {
            Signal.handle(new Signal("TERM"), previousTerm);
        }
    }
}
