package io.rebound.gateway.operation;

import io.rebound.common.OperationStatus;
import io.rebound.gateway.web.Problems;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Only a failed operation can be retried, and only so many times in a row: 409 with the reason's code. */
public class OperationNotRetryableException extends ErrorResponseException {

    OperationNotRetryableException(UUID id, OperationStatus status) {
        super(
                HttpStatus.CONFLICT,
                Problems.of(
                        HttpStatus.CONFLICT,
                        "OPERATION_NOT_RETRYABLE",
                        "Operation " + id + " is " + status.wireName() + "; only a failed operation can be retried."),
                null);
    }

    OperationNotRetryableException(UUID id, int maxChain) {
        super(
                HttpStatus.CONFLICT,
                Problems.of(
                        HttpStatus.CONFLICT,
                        "RETRY_LIMIT_REACHED",
                        "Operation " + id + " was already retried " + maxChain
                                + " times in a row; it will not be retried again. Contact support with this id."),
                null);
    }
}
