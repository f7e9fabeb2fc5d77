package dev.gn4j.engine.data;

/** Bad input data: the message names the file, line, column or option. Exit code 3 at the CLI. */
public final class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
