package dev.gn4j.engine.backend;

/**
 * A backend operation was given matrices whose shapes or dtypes break its contract. The
 * callers size every matrix themselves, so this is a bug in gn4j, never the user's input:
 * the command line reports it as an internal error (exit 1), not a usage error. It stays an
 * IllegalArgumentException for callers that treat bad arguments alike.
 */
public final class ShapeMismatch extends IllegalArgumentException {
    public ShapeMismatch(String message) {
        super(message);
    }
}
