package dev.gn4j.engine.memory;

/**
 * What was asked for does not fit in the memory this process may use: refused before
 * allocating, with the sizes in the message. The command line maps it to exit code 6,
 * the code of an out-of-memory error caught at the top.
 */
public final class InsufficientMemory extends RuntimeException {
    public InsufficientMemory(String message) {
        super(message);
    }

    public InsufficientMemory(String message, Throwable cause) {
        super(message, cause);
    }
}
