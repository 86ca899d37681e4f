package io.rebound.gateway.deadletter;

import io.rebound.gateway.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A dead-letter filter or action request that cannot be understood. */
public class InvalidFilterException extends ErrorResponseException {

    public InvalidFilterException(String message) {
        super(HttpStatus.BAD_REQUEST, Problems.of(HttpStatus.BAD_REQUEST, "INVALID_FILTER", message), null);
    }
}
