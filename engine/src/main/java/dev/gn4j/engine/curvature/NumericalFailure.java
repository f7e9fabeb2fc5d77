package dev.gn4j.engine.curvature;

/** A step could not produce finite numbers: a singular system, NaN or Inf. Exit code 5 at the CLI. */
public final class NumericalFailure extends RuntimeException {
    public NumericalFailure(String message) {
        super(message);
    }
}
