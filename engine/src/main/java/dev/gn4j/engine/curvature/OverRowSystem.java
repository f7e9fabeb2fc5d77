package dev.gn4j.engine.curvature;

/** A direction form solved over a {@link RowSystem}: its solver's counts are the system's. */
interface OverRowSystem extends DampedSolve {
    RowSystem system();

    @Override
    default int iterations() {
        return system().iterations();
    }

    @Override
    default double relativeResidual() {
        return system().relativeResidual();
    }

    @Override
    default boolean converged() {
        return system().converged();
    }
}
