package io.rebound.gateway.session;

import io.rebound.gateway.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A query parameter out of its range: 400 problem+json with code {@code INVALID_PARAMETER}, the code a parameter of
 * the wrong type gets too.
 */
class InvalidParameterException extends ErrorResponseException {

    InvalidParameterException(String detail) {
        super(HttpStatus.BAD_REQUEST, Problems.of(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", detail), null);
    }
}
