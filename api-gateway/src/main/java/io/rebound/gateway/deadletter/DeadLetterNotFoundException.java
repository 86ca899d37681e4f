package io.rebound.gateway.deadletter;

/** No dead letter (or admin action) with that id. */
public class DeadLetterNotFoundException extends RuntimeException {

    public DeadLetterNotFoundException(long id) {
        super("No dead letter or action " + id + " was found.");
    }
}
