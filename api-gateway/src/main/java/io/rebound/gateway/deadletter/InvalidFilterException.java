package io.rebound.gateway.deadletter;

/** A dead-letter filter or action request that cannot be understood. */
public class InvalidFilterException extends RuntimeException {

    public InvalidFilterException(String message) {
        super(message);
    }
}
