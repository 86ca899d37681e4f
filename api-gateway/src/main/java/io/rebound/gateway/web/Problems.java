package io.rebound.gateway.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
