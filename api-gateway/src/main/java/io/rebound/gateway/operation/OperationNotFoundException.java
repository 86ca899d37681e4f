package io.rebound.gateway.operation;

import java.util.UUID;

/** Unknown, or someone else's: the answer is the same so that ids of others are not revealed. */
public class OperationNotFoundException extends RuntimeException {

    public OperationNotFoundException(UUID id) {
        super("No operation " + id + " was found.");
    }
}
