package io.rebound.gateway.web;

import java.io.IOException;

/** Thrown by a request body's stream the moment more bytes than the limit have been read from it. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes.");
    }

    /** Whether {@code e} or one of its causes is a body over the limit. */
    static boolean causedBy(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
