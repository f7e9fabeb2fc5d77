package dev.gn4j.engine.curvature;

/**
 * What --solver auto learned from a run's last steps: after conjugate gradients ran out of their
 * budget and turned to K, the next {@link #DIRECT_STEPS} steps form and factor K at once, then CG
 * is tried again. Steps of one run change slowly, so a step whose CG needed more than the
 * break-even is followed by more like it; without this each would pay the whole CG budget and K
 * too, about twice the direct way. The count is optimizer state: a checkpoint carries it, so a
 * resumed run takes the same turns as one that never stopped.
 */
public final class DirectTurns {
    /** Steps that go to K at once after a turn. */
    public static final int DIRECT_STEPS = 10;
    /** The count's name among the optimizer's checkpointed scalars. */
    public static final String STATE = "direct_steps_left";

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

    /** The steps still to form K at once, for a checkpoint. */
    public int stepsLeft() {
        return directLeft;
    }

    /** A checkpoint's count. */
    public void restore(double stepsLeft) {
        if (!(stepsLeft >= 0 && stepsLeft <= DIRECT_STEPS && stepsLeft == Math.rint(stepsLeft))) {
            throw new IllegalArgumentException(STATE + " must be a whole number in [0, " + DIRECT_STEPS + "], got " + stepsLeft);
        }
        directLeft = (int) stepsLeft;
    }
}
