package io.rebound.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/** The AI operations Rebound runs, with the parameters each one needs. */
public enum OperationType {
    QUESTION_GENERATION("question_generation", List.of("role")),
    FEEDBACK_ANALYSIS("feedback_analysis", List.of("role", "question", "answer"));

    private final String wireName;
    private final List<String> requiredParameters;

    OperationType(String wireName, List<String> requiredParameters) {
        this.wireName = wireName;
        this.requiredParameters = requiredParameters;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public List<String> requiredParameters() {
        return requiredParameters;
    }

    /** Parses a wire name; unknown names are rejected so that a bad event cannot pass as a known type. */
    @JsonCreator
    public static OperationType fromWireName(String name) {
        return Arrays.stream(values())
                .filter(type -> type.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown operation_type '" + name + "'"));
    }
}
