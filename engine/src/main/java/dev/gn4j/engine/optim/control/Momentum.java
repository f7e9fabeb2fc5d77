package dev.gn4j.engine.optim.control;

import dev.gn4j.engine.backend.Backend;
import dev.gn4j.engine.backend.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Averaged directions (MATH.md, momentum): m ← β m + (1 − β) d, used bias-corrected as
 * m / (1 − βᵗ). Where MATH.md is silent: the average replaces d only when it is a descent
 * direction (∇Lᵀ m̂ &lt; 0); otherwise that step uses the plain d.
 */
public final class Momentum {
    private static final Logger LOG = LoggerFactory.getLogger(Momentum.class);
    /** Its tensor in a checkpoint's optimizer state. */
    public static final String STATE = "momentum";

    private final double beta;
    private final Mat average;
    private final Mat corrected;

    public Momentum(double beta, Backend be, Mat theta) {
        this.beta = beta;
        this.average = be.zeros(theta.rows(), 1, theta.dtype());
        this.corrected = be.zeros(theta.rows(), 1, theta.dtype());
    }

    /** The direction step {@code t} (from 1) takes: the corrected average, or {@code d} where that does not descend. */
    public Mat apply(Backend be, Mat d, Mat grad, long t) {
        be.scal(beta, average);
        be.axpy(1 - beta, d, average);
        be.copy(average, corrected);
        be.scal(1 / (1 - Math.pow(beta, t)), corrected);
        if (be.dot(grad, corrected) < 0) {
            return corrected;
        }
        LOG.debug("momentum direction is not a descent direction at step {}; using the plain one", t);
        return d;
    }

    public double[] save(Backend be) {
        return be.download(average);
    }

    public void restore(Backend be, double[] saved) {
        be.upload(saved, average);
    }
}
