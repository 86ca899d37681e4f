package io.rebound.gateway.operation;

import io.rebound.gateway.web.Problems;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Unknown, or someone else's: the answer is the same so that ids of others are not revealed. */
class OperationNotFoundException extends ErrorResponseException {

    OperationNotFoundException(UUID id) {
        super(
                HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "No operation " + id + " was found."),
                null);
    }
}
