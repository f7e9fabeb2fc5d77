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

    /**
     * Lines for {@code gn4j info}: devices, driver, which libraries were loaded from
     * where (or why none), compatibility shims in use. Must not throw.
     */
    default java.util.List<String> diagnostics() {
        String why = unavailableReason();
        return java.util.List.of(device() + ": " + (why == null ? "available" : why));
    }
}
