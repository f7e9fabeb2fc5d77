package dev.gn4j.engine.backend;

/**
 * A backend found at run time through {@link java.util.ServiceLoader}, so the
 * engine never links against CUDA classes: gn4j-native registers the CUDA backend
 * here, and a machine without a GPU never loads a JCuda class.
 */
public interface BackendProvider {
    /** "gpu" for the CUDA backend. */
    String device();

    /** Why this backend cannot run here, or null if it can. Must not throw. */
    String unavailableReason();

    Backend open();
}
