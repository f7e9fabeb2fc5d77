package dev.gn4j.engine.train;

import dev.gn4j.engine.optim.StepReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Signs that a run went wrong while staying finite, so that it does not end with exit 0 and
 * nothing said: the full training loss ending above its start, adaptive λ pinned on
 * mini-batches at a floor below {@link TrainConfig#MINI_BATCH_LAMBDA_MIN} (the damping no longer
 * steers the step; on the full batch λ → 0 is the quadratic phase, and at the mini-batch
 * default floor sitting there is by design), and a Cholesky that keeps falling back. Each is a
 * warning in the log and in summary.json.
 */
final class RunHealth {
    /** A condition counts as persistent over at least this share of the steps, and this many. */
    private static final double PERSISTENT_SHARE = 0.25;
    private static final long PERSISTENT_STEPS = 10;

    private final double lambdaFloor;
    private final boolean adaptiveLambda;
    private long steps;
    private long atFloor;

    RunHealth(double lambdaFloor, boolean adaptiveLambda, boolean miniBatch) {
        this.lambdaFloor = lambdaFloor;
        this.adaptiveLambda = adaptiveLambda && miniBatch && lambdaFloor < TrainConfig.MINI_BATCH_LAMBDA_MIN;
    }

    void observe(StepReport r) {
        steps++;
        if (adaptiveLambda && r.lambda() <= lambdaFloor * (1 + 1e-9)) {
            atFloor++;
        }
    }

    private boolean persistent(long count) {
        return count >= PERSISTENT_STEPS && count >= PERSISTENT_SHARE * steps;
    }

    List<String> warnings(double initialLoss, double finalLoss, long fallbacks) {
        List<String> out = new ArrayList<>();
        if (Double.isFinite(initialLoss) && Double.isFinite(finalLoss) && finalLoss > initialLoss) {
            out.add(String.format(Locale.ROOT, "the full training loss ended above where it started (%.4g -> %.4g): "
                    + "lower --lr, raise --lambda, or add --line-search", initialLoss, finalLoss));
        }
        if (persistent(atFloor)) {
            out.add(String.format(Locale.ROOT, "adaptive lambda sat at its floor %.3g in %d of %d steps, so the damping no "
                    + "longer steered the step on mini-batches: raise --lambda-min (auto is %s)", lambdaFloor, atFloor, steps, TrainConfig.MINI_BATCH_LAMBDA_MIN));
        }
        if (persistent(fallbacks)) {
            out.add(String.format(Locale.ROOT, "the Cholesky factorization fell back %d times in %d steps (the curvature "
                    + "system is near singular): raise --lambda", fallbacks, steps));
        }
        return out;
    }
}
