package io.rebound.gateway.live;

import io.rebound.gateway.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A user already holds as many event streams as one user may: 429 problem+json with {@code Retry-After}. */
public class TooManyStreamsException extends ErrorResponseException {

    static final String RETRY_AFTER_SECONDS = "5";

    TooManyStreamsException(int limit) {
        super(
                HttpStatus.TOO_MANY_REQUESTS,
                Problems.of(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "TOO_MANY_STREAMS",
                        "You already have " + limit + " live streams open, the most one account may hold. Close a"
                                + " tab that shows a session, then try again."),
                null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
}
