package io.rebound.gateway.web;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details with a stable {@code type} URI and a {@code code} the SPA and scripts can switch on, e.g.
 * {@code OPERATION_NOT_RETRYABLE} at {@code https://rebound.io/problems/operation-not-retryable}.
 */
public final class Problems {

    private static final String TYPE_BASE = "https://rebound.io/problems/";

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(code));
        problem.setProperty("code", code);
        return problem;
    }

    /**
     * A 429: the client should ask again after {@code retryAfter}, given in whole seconds as the {@code Retry-After}
     * header (which the caller sets from {@link #retryAfterSeconds}) and as {@code retry_after_seconds} in the body.
     */
    public static ProblemDetail tooManyRequests(String code, String detail, Duration retryAfter) {
        ProblemDetail problem = of(HttpStatus.TOO_MANY_REQUESTS, code, detail);
        problem.setProperty("retry_after_seconds", retryAfterSeconds(retryAfter));
        return problem;
    }

    /** Whole seconds, rounded up, at least 1: what {@code Retry-After} can say. */
    public static long retryAfterSeconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** The stable type URI of a problem code: {@code OPERATION_NOT_RETRYABLE} → {@code .../operation-not-retryable}. */
    public static URI type(String code) {
        return URI.create(TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The problem as the JSON object it is on the wire, for writers outside Spring MVC such as security handlers. */
    public static Map<String, Object> body(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
