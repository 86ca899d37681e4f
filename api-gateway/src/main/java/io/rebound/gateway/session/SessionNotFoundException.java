package io.rebound.gateway.session;

import io.rebound.gateway.web.Problems;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Unknown, or someone else's. */
public class SessionNotFoundException extends ErrorResponseException {

    public SessionNotFoundException(UUID id) {
        super(
                HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "No interview session " + id + " was found."),
                null);
    }
}
