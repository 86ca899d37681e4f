package io.rebound.gateway.deadletter;

import io.rebound.gateway.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No dead letter (or admin action) with that id. */
public class DeadLetterNotFoundException extends ErrorResponseException {

    public DeadLetterNotFoundException(long id) {
        super(
                HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "No dead letter or action " + id + " was found."),
                null);
    }
}
