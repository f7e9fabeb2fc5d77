package dev.gn4j.engine.profile;

/**
 * The phases of one step as measured by a {@link PhaseClock}: nanoseconds per
 * {@link Phase} (indexed by ordinal) and the whole step from its first instruction
 * to its last. {@link #unattributedNanos} is the time between phases.
 */
public record PhaseTimes(long[] nanos, long totalNanos) {
    public PhaseTimes {
        if (nanos.length != Phase.values().length) {
            throw new IllegalArgumentException("expected " + Phase.values().length + " phases, got " + nanos.length);
        }
        nanos = nanos.clone();
    }

    public long nanos(Phase phase) {
        return nanos[phase.ordinal()];
    }

    @Override
    public long[] nanos() {
        return nanos.clone();
    }

    /** Σ over the phases. */
    public long attributedNanos() {
        long sum = 0;
        for (long n : nanos) {
            sum += n;
        }
        return sum;
    }

    public long unattributedNanos() {
        return totalNanos - attributedNanos();
    }
}
