package io.rebound.gateway.deadletter;

import io.rebound.common.ErrorCode;
import io.rebound.common.OperationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Which dead letters an SRE means. Every field is optional; {@code state} defaults to {@code open} for actions.
 *
 * @param since dead-lettered at or after
 * @param until dead-lettered before
 */
public record DeadLetterFilter(
        String errorCode, String exceptionClass, String operationType, String state, Instant since, Instant until) {

    public static final DeadLetterFilter OPEN = new DeadLetterFilter(null, null, null, "open", null, null);

    DeadLetterFilter withDefaultState(String defaultState) {
        return state == null
                ? new DeadLetterFilter(errorCode, exceptionClass, operationType, defaultState, since, until)
                : this;
    }

    /** The SQL condition for this filter, binding its values into {@code params}. */
    String where(MapSqlParameterSource params) {
        List<String> conditions = new ArrayList<>();
        conditions.add("true");
        if (errorCode != null && !errorCode.isBlank()) {
            conditions.add("error_code = :errorCode");
            params.addValue("errorCode", knownErrorCode(errorCode));
        }
        if (exceptionClass != null && !exceptionClass.isBlank()) {
            conditions.add("(exception_class = :exceptionClass or exception_class like :exceptionSuffix)");
            params.addValue("exceptionClass", exceptionClass.trim());
            params.addValue("exceptionSuffix", "%." + exceptionClass.trim());
        }
        if (operationType != null && !operationType.isBlank()) {
            conditions.add("operation_type = :operationType");
            params.addValue("operationType", knownOperationType(operationType));
        }
        if (state != null && !state.isBlank() && !state.equalsIgnoreCase("all")) {
            conditions.add("state = :state");
            params.addValue("state", DeadLetterState.parse(state).name());
        }
        if (since != null) {
            conditions.add("dead_lettered_at >= :since");
            params.addValue("since", java.sql.Timestamp.from(since));
        }
        if (until != null) {
            conditions.add("dead_lettered_at < :until");
            params.addValue("until", java.sql.Timestamp.from(until));
        }
        return String.join(" and ", conditions);
    }

    /** A misspelt code would silently match nothing (and a redrive would do nothing): name the known ones instead. */
    private static String knownErrorCode(String value) {
        String code = value.trim().toUpperCase(Locale.ROOT);
        if (Arrays.stream(ErrorCode.values()).noneMatch(known -> known.name().equals(code))) {
            throw new InvalidFilterException("unknown error_code '" + abbreviate(value) + "'; known: "
                    + Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
        return code;
    }

    private static String knownOperationType(String value) {
        try {
            return OperationType.fromWireName(value.trim()).wireName();
        } catch (IllegalArgumentException e) {
            throw new InvalidFilterException("unknown operation_type '" + abbreviate(value) + "'; known: "
                    + Arrays.stream(OperationType.values())
                            .map(OperationType::wireName)
                            .collect(Collectors.joining(", ")));
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }
}
