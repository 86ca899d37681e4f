package io.rebound.common;

/** An event that cannot be processed: not JSON, missing fields, an unknown type or an unsupported schema version. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
