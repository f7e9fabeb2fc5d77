package dev.gn4j.engine.profile;

/**
 * Receives the phase boundaries of an optimizer step. The optimizers call
 * {@link #enter} and {@link #exit} in pairs, nested when one phase runs inside
 * another (the solve inside the direction). {@link #NONE}, the default everywhere,
 * does nothing: training pays two empty interface calls per phase, which the JIT
 * removes when no other profiler is ever installed.
 */
public interface StepProfiler {
    StepProfiler NONE = new StepProfiler() {
        @Override
        public void enter(Phase phase) {
        }

        @Override
        public void exit(Phase phase) {
        }
    };

    void enter(Phase phase);

    /** Leaves the phase entered last; it must be {@code phase}. */
    void exit(Phase phase);
}
