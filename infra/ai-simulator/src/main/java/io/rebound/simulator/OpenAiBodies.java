package io.rebound.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response bodies of the OpenAI Chat Completions API, field for field, nulls included: client libraries expect
 * keys such as {@code refusal}, {@code logprobs} and {@code param} to be present even when null.
 */
final class OpenAiBodies {

    static final String OBJECT = "chat.completion";
    static final String FINGERPRINT = "rebound-sim";

    private OpenAiBodies() {}

    record ChatCompletion(
            @JsonProperty("id") String id,
            @JsonProperty("object") String object,
            @JsonProperty("created") long created,
            @JsonProperty("model") String model,
            @JsonProperty("choices") List<Choice> choices,
            @JsonProperty("usage") Usage usage,
            @JsonProperty("system_fingerprint") String systemFingerprint) {}

    record Choice(
            @JsonProperty("index") int index,
            @JsonProperty("message") Message message,
            @JsonProperty("logprobs") Object logprobs,
            @JsonProperty("finish_reason") String finishReason) {}

    record Message(
            @JsonProperty("role") String role,
            @JsonProperty("content") String content,
            @JsonProperty("refusal") String refusal) {}

    record Usage(
            @JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens,
            @JsonProperty("total_tokens") int totalTokens) {}

    record ErrorResponse(@JsonProperty("error") Error error) {}

    record Error(
            @JsonProperty("message") String message,
            @JsonProperty("type") String type,
            @JsonProperty("param") String param,
            @JsonProperty("code") String code) {}

    static ErrorResponse error(String message, String type, String param, String code) {
        return new ErrorResponse(new Error(message, type, param, code));
    }

    /** The error body a real API would send for this status, as used by fault rules. */
    static ErrorResponse errorFor(int status, String errorCode, String customMessage) {
        Error base = defaultError(status);
        String type = base.type();
        String code = base.code();
        String message = base.message();
        if (errorCode != null) {
            code = errorCode;
            if (errorCode.equals("insufficient_quota")) {
                // Quota exhaustion comes as a 429 like rate limiting, but clients must not retry it: it has its own
                // type.
                type = "insufficient_quota";
                message = "You exceeded your current quota, please check your plan and billing details.";
            }
        }
        return new ErrorResponse(new Error(customMessage != null ? customMessage : message, type, null, code));
    }

    private static Error defaultError(int status) {
        return switch (status) {
            case 400 -> new Error("Invalid request.", "invalid_request_error", null, null);
            case 401 ->
                new Error(
                        "Incorrect API key provided. You can find your API key in your account settings.",
                        "authentication_error",
                        null,
                        "invalid_api_key");
            case 403 -> new Error("You are not allowed to use this resource.", "permission_denied", null, null);
            case 404 ->
                new Error(
                        "The model does not exist or you do not have access to it.",
                        "not_found_error",
                        null,
                        "model_not_found");
            case 408 -> new Error("Request timed out.", "timeout", null, null);
            case 409 -> new Error("The request conflicts with the current state.", "conflict", null, null);
            case 422 -> new Error("The request could not be processed.", "invalid_request_error", null, null);
            case 429 ->
                new Error(
                        "Rate limit reached for requests. Please try again later.",
                        "requests",
                        null,
                        "rate_limit_exceeded");
            case 500 ->
                new Error(
                        "The server had an error while processing your request. Sorry about that!",
                        "server_error",
                        null,
                        null);
            case 502, 503, 504 -> new Error("The server is overloaded or not ready yet.", "server_error", null, null);
            default ->
                status >= 500
                        ? new Error(
                                "The server had an error while processing your request.", "server_error", null, null)
                        : new Error(
                                "The request failed with status " + status + ".", "invalid_request_error", null, null);
        };
    }
}
