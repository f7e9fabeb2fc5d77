package dev.gn4j.engine.curvature;

import dev.gn4j.engine.backend.Mat;

/**
 * A solve that answers through another one, which may change from step to step: a wrapper
 * overrides what it changes and forwards the rest, so a method DampedSolve gains later
 * reaches every wrapper at once.
 */
abstract class ForwardingSolve implements DampedSolve {

    /** The solve that answers now. */
    protected abstract DampedSolve delegate();

    @Override
    public void direction(double lambda, Mat d) {
        delegate().direction(lambda, d);
    }

    @Override
    public double curvature(Mat d) {
        return delegate().curvature(d);
    }

    @Override
    public double slope() {
        return delegate().slope();
    }

    @Override
    public double gradientSquaredNorm() {
        return delegate().gradientSquaredNorm();
    }

    @Override
    public int iterations() {
        return delegate().iterations();
    }

    @Override
    public boolean converged() {
        return delegate().converged();
    }

    @Override
    public double relativeResidual() {
        return delegate().relativeResidual();
    }
}
