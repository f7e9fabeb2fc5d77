package dev.gn4j.engine.profile;

import dev.gn4j.engine.backend.Backend;
import java.util.Arrays;

/**
 * A {@link StepProfiler} that measures: between {@link #beginStep} and
 * {@link #endStep} it charges the time since the last boundary to the innermost
 * open phase, so nested phases are exclusive and the phases add up to the step.
 *
 * <p>Every boundary first waits for the backend ({@link Backend#synchronize}):
 * on a GPU, work is queued asynchronously and the host clock would otherwise
 * charge a kernel to whichever phase happens to wait for it. That wait serializes
 * the step, so a profiled GPU step is a little slower than a plain one; the bench
 * times plain steps for the step itself and profiled steps for the split. On the
 * CPU backend the wait is a no-op.
 *
 * <p>Outside a step (between {@code endStep} and the next {@code beginStep}) the
 * boundaries are ignored, so code shared with evaluation may stay instrumented.
 */
public final class PhaseClock implements StepProfiler {
    private static final int MAX_DEPTH = 16;

    private final Backend backend;
    private final long[] nanos = new long[Phase.values().length];
    private final Phase[] open = new Phase[MAX_DEPTH];
    private int depth;
    private long mark;
    private long stepStart;
    private boolean inStep;

    public PhaseClock(Backend backend) {
        this.backend = backend;
    }

    public void beginStep() {
        Arrays.fill(nanos, 0);
        depth = 0;
        backend.synchronize();
        stepStart = System.nanoTime();
        mark = stepStart;
        inStep = true;
    }

    /** @throws IllegalStateException if a phase was entered and never left (an instrumentation bug) */
    public PhaseTimes endStep() {
        if (!inStep) {
            throw new IllegalStateException("endStep without beginStep");
        }
        long now = boundary();
        inStep = false;
        if (depth != 0) {
            throw new IllegalStateException("phase " + open[depth - 1] + " was entered and not left during the step");
        }
        return new PhaseTimes(nanos, now - stepStart);
    }

    @Override
    public void enter(Phase phase) {
        if (!inStep) {
            return;
        }
        boundary();
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("phases nested deeper than " + MAX_DEPTH + " (an exit is missing)");
        }
        open[depth++] = phase;
    }

    @Override
    public void exit(Phase phase) {
        if (!inStep) {
            return;
        }
        boundary();
        if (depth == 0 || open[depth - 1] != phase) {
            throw new IllegalStateException("exit from " + phase + " but the open phase is " + (depth == 0 ? "none" : open[depth - 1]));
        }
        depth--;
    }

    /** Waits for the device, charges the time since the last boundary to the open phase, returns now. */
    private long boundary() {
        backend.synchronize();
        long now = System.nanoTime();
        if (depth > 0) {
            nanos[open[depth - 1].ordinal()] += now - mark;
        }
        mark = now;
        return now;
    }
}
