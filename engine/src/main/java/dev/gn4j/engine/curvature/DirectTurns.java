package dev.gn4j.engine.curvature;

/**
 * What --solver auto learned from the last steps of one system shape: after conjugate gradients
 * ran out of their budget and turned to K, the next {@link #DIRECT_STEPS} steps form and factor K
 * at once, then CG is tried again. Steps of one run change slowly, so a step whose CG needed more
 * than the break-even is followed by more like it; without this each would pay the whole CG
 * budget and K too, about twice the direct way.
 */
public final class DirectTurns {
    /** Steps that go to K at once after a turn. */
    public static final int DIRECT_STEPS = 10;

    private int directLeft;

    /** Whether this step should form K without trying CG first; counts the step if so. */
    boolean formKAtOnce() {
        if (directLeft > 0) {
            directLeft--;
            return true;
        }
        return false;
    }

    /** CG turned to K this step. */
    void turned() {
        directLeft = DIRECT_STEPS;
    }
}
