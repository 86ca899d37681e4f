package io.rebound.admin;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

/**
 * The gateway said no (a problem+json answer), could not be reached, or an action it runs went wrong. The message is
 * the problem's {@code detail}, ready for stderr.
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    ApiException(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    /** No HTTP answer at all: refused, timed out, DNS, TLS. */
    static ApiException unreachable(String url, Exception cause) {
        String why;
        if (cause instanceof HttpTimeoutException) {
            why = "timed out";
        } else if (cause instanceof ConnectException) {
            why = "connection failed";
        } else {
            why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        }
        return new ApiException(0, "UNREACHABLE", "cannot reach " + url + " (" + why + ")");
    }

    /** Something the gateway runs in the background went wrong or did not finish. */
    static ApiException failed(String code, String detail) {
        return new ApiException(0, code, detail);
    }

    /** The HTTP status, or 0 when there was none. */
    int status() {
        return status;
    }

    String code() {
        return code;
    }

    int exitCode() {
        return ExitCodes.forStatus(status);
    }
}
