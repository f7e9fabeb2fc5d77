package dev.gn4j.cli.sweep;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP while a sweep runs. The first stops the sweep from
 * launching trials; each running worker is told to finish its step, save a checkpoint
 * and exit (gn4j train's own handling of the signal), and the sweep exits 130 once they
 * have. A second signal stops the workers at once, without saving.
 *
 * <p>When workers run in their own session ({@code forward}), the terminal's Ctrl-C does
 * not reach them, so this class forwards the signal, as SIGTERM, which gn4j train handles
 * exactly like Ctrl-C (and Java can send portably). When workers share the terminal's
 * process group (no setsid, or one trial under a scheduler that signals every process),
 * they already got the signal: forwarding it would count as their second one and make
 * them quit without saving, so only a second signal is passed on.
 */
public final class SweepInterrupt implements AutoCloseable {
    private final AtomicInteger signals = new AtomicInteger();
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final boolean forward;
    private final PrintStream err;
    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;
    private final SignalHandler previousHup;
    private final Thread hook;

    private SweepInterrupt(boolean forward, PrintStream err) {
        this.forward = forward;
        this.err = err;
        SignalHandler handler = sig -> signal();
        previousInt = install("INT", handler);
        previousTerm = install("TERM", handler);
        previousHup = install("HUP", handler); // a closed terminal: the workers save and stop too, none is left running
        // Any other way out of this JVM (SIGHUP, System.exit elsewhere) must not orphan workers in their own session.
        hook = forward ? new Thread(this::stopWorkersAndWait, "gn4j-sweep-shutdown") : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    public static SweepInterrupt install(boolean forward, PrintStream err) {
        return new SweepInterrupt(forward, err);
    }

    public boolean requested() {
        return signals.get() > 0;
    }

    /** What the signal handler does; callable directly (tests, and the shutdown path). */
    void signal() {
        int n = signals.incrementAndGet();
        if (n == 1) {
            err.println("\ngn4j sweep: stopping: no new trials; " + running.size() + " running trial(s) finish their step and "
                    + "save a checkpoint (Ctrl-C again to stop them at once). Rerun the same command to continue.");
        } else {
            err.println("\ngn4j sweep: interrupted again: stopping the running trials without saving");
        }
        if (forward || n > 1) {
            running.forEach(Process::destroy);
        }
    }

    void register(Process p) {
        running.add(p);
        if (forward && requested()) {
            p.destroy(); // started just as the signal came: it must stop too
        }
    }

    void unregister(Process p) {
        running.remove(p);
    }

    private void stopWorkersAndWait() {
        running.forEach(Process::destroy);
        for (Process p : running) {
            try {
                p.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static SignalHandler install(String name, SignalHandler h) {
        try {
            return Signal.handle(new Signal(name), h);
        } catch (IllegalArgumentException e) {
            return null; // not available here (e.g. the JVM runs with -Xrs)
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
        if (previousHup != null) {
            Signal.handle(new Signal("HUP"), previousHup);
        }
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs
            }
        }
    }
}
