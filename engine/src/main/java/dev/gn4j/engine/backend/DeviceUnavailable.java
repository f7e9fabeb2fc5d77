package dev.gn4j.engine.backend;

/** The requested device cannot be used; the message says why. Exit code 4 at the CLI. */
public final class DeviceUnavailable extends RuntimeException {
    public DeviceUnavailable(String message) {
        super(message);
    }
}
