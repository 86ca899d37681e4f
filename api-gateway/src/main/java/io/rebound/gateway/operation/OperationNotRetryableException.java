package io.rebound.gateway.operation;

import io.rebound.common.OperationStatus;
import java.util.UUID;

/** Only a failed operation can be retried, and only so many times in a row. */
public class OperationNotRetryableException extends RuntimeException {

    private final String code;

    OperationNotRetryableException(UUID id, OperationStatus status) {
        super("Operation " + id + " is " + status.wireName() + "; only a failed operation can be retried.");
        this.code = "OPERATION_NOT_RETRYABLE";
    }

    OperationNotRetryableException(UUID id, int maxChain) {
        super("Operation " + id + " was already retried " + maxChain
                + " times in a row; it will not be retried again. Contact support with this id.");
        this.code = "RETRY_LIMIT_REACHED";
    }

    public String code() {
        return code;
    }
}
