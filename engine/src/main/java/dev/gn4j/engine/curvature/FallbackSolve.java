package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Mat;
import java.util.function.Supplier;

/**
 * Conjugate gradients' direction, until a solve has not converged within its budget: then the
 * direct way's (the P × P system, which --solver auto chose as the cheaper direct one), formed
 * there and used for the rest of the step. The budget is what the direct way costs, so a step
 * costs at most about twice that way, and at the usual damping CG converges well within it.
 */
public final class FallbackSolve extends ForwardingSolve {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FallbackSolve.class);
    /** One line a process: metrics.csv has every step's count. */
    private static volatile boolean warned;
    private final DampedSolve first;
    private final Supplier<DampedSolve> direct;
    private DampedSolve active;
    private int iterations;

    public FallbackSolve(DampedSolve first, Supplier<DampedSolve> direct) {
        this.first = first;
        this.direct = direct;
        this.active = first;
    }

    @Override
    public void direction(double lambda, Mat d) {
        if (active != first) {
            iterations = 0;
            active.direction(lambda, d);
            return;
        }
        first.direction(lambda, d);
        iterations = first.iterations();
        if (!first.converged()) {
            if (!warned) {
                warned = true;
                LOG.info("conjugate gradients had not converged after {} iterations (relative residual {}); solving the "
                        + "P × P system instead, for this step (said once)", iterations,
                        String.format(java.util.Locale.ROOT, "%.2e", first.relativeResidual()));
            }
            active = direct.get();
            active.direction(lambda, d);
        }
    }

    /** CG's iterations in the last direction, turned from or not. */
    @Override
    public int iterations() {
        return iterations;
    }

    /** CG, or the direct way from its first unconverged solve on (a direct solve always converges). */
    @Override
    protected DampedSolve delegate() {
        return active;
    }
}
