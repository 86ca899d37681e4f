package io.rebound.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/** Which dead letters a command means, as the admin API's filter; every option is optional. */
final class FilterOptions {

    @Option(
            names = "--error-code",
            paramLabel = "CODE",
            description = "Error code, such as AI_UNAVAILABLE or AI_RATE_LIMITED.")
    String errorCode;

    @Option(
            names = "--exception-class",
            paramLabel = "CLASS",
            description = "Exception class, fully qualified or simple name.")
    String exceptionClass;

    @Option(
            names = "--operation-type",
            paramLabel = "TYPE",
            description = "Operation type, such as question_generation.")
    String operationType;

    @Option(
            names = "--since",
            paramLabel = "WHEN",
            description = "Dead-lettered at or after: a duration ago (30m, 1h, 2d) or an ISO date-time.")
    Instant since;

    @Option(
            names = "--until",
            paramLabel = "WHEN",
            description = "Dead-lettered before: a duration ago (30m, 1h, 2d) or an ISO date-time.")
    Instant until;

    boolean isEmpty() {
        return errorCode == null && exceptionClass == null && operationType == null && since == null && until == null;
    }

    /** Query parameters of the list endpoint, in snake_case; unset ones are null and left out. */
    Map<String, Object> query() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("error_code", errorCode);
        query.put("exception_class", exceptionClass);
        query.put("operation_type", operationType);
        query.put("since", since);
        query.put("until", until);
        return query;
    }

    /** The {@code filter} object of the redrive and discard requests. */
    ObjectNode toJson() {
        ObjectNode filter = Json.object();
        query().forEach((name, value) -> {
            if (value != null) {
                filter.put(name, value.toString());
            }
        });
        return filter;
    }

    /** For messages: {@code " matching error_code=AI_UNAVAILABLE since=2025-01-31T11:00:00Z"}, or nothing. */
    String matching() {
        StringJoiner description = new StringJoiner(" ", " matching ", "").setEmptyValue("");
        query().forEach((name, value) -> {
            if (value != null) {
                description.add(name + "=" + value);
            }
        });
        return description.toString();
    }
}
