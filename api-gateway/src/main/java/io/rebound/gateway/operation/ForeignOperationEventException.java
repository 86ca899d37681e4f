package io.rebound.gateway.operation;

import java.util.UUID;

/**
 * A status event names an existing operation but carries another request: someone reused that operation's id. It is
 * not applied; the status listener dead-letters it with {@code DUPLICATE_OPERATION}.
 */
public class ForeignOperationEventException extends RuntimeException {

    public ForeignOperationEventException(UUID operationId) {
        super("operation " + operationId + " exists and this event's request is not the one it was created from;"
                + " not applied");
    }
}
