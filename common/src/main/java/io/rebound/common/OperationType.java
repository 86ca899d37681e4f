package io.rebound.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/**
 * The AI operations Rebound runs, as the wire knows them: each type's name, the parameters a request must carry, and
 * what a person is told when the AI service refuses it. What a type means to each service lives in one place there
 * (the worker's prompt, the gateway's session message), in switches without a default, so a new type that one of them
 * does not handle fails the build.
 */
public enum OperationType {
    QUESTION_GENERATION(
            "question_generation",
            List.of("role"),
            "The AI service refused to write a question for this session's role",
            "start a new session with the role worded differently; the same request will be refused again."),
    FEEDBACK_ANALYSIS(
            "feedback_analysis",
            List.of("role", "question", "answer"),
            "The AI service refused to give feedback on this answer",
            "answer the question again in other words; the same answer will be refused again."),
    MODEL_ANSWER(
            "model_answer",
            List.of("role", "question"),
            "The AI service refused to write a model answer to this question",
            "answer the question in your own words; asking again will be refused again.");

    private final String wireName;
    private final List<String> requiredParameters;
    private final String refused;
    private final String afterRefusal;

    OperationType(String wireName, List<String> requiredParameters, String refused, String afterRefusal) {
        this.wireName = wireName;
        this.requiredParameters = requiredParameters;
        this.refused = refused;
        this.afterRefusal = afterRefusal;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public List<String> requiredParameters() {
        return requiredParameters;
    }

    /** What a person reads when the AI service refused this request: "&lt;what happened&gt;. What to do: ...". */
    public String refusalMessage() {
        return refused + ". What to do: " + afterRefusal;
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
