package io.rebound.simulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One fault rule, exactly as posted to {@code POST /admin/faults}. Every field is optional, so all are boxed and
 * nullable: {@code null} means "not part of this rule".
 *
 * @param status HTTP status to answer with an OpenAI error body; {@code null} or below 400 means a normal completion
 * @param times how many matching completions the rule applies to; {@code null} means until cleared
 * @param retryAfterSeconds value of a {@code Retry-After} header on the error
 * @param retryAfterMs value of a {@code retry-after-ms} header on the error
 * @param delayMs how long to wait before answering, replacing the configured latency
 * @param whenPromptContains case-sensitive substring the prompt must contain; {@code null} matches every prompt
 * @param errorCode overrides the OpenAI error {@code code} (and the type, for {@code insufficient_quota})
 * @param refusal answer a 200 completion whose message is a refusal
 * @param message custom error message, or custom refusal text
 */
// Unknown fields (e.g. the "id" echoed back by the server) are ignored so a listed rule can be re-posted as is.
@JsonIgnoreProperties(ignoreUnknown = true)
public record Fault(
        @JsonProperty("status") Integer status,
        @JsonProperty("times") Integer times,
        @JsonProperty("retry_after_seconds") Integer retryAfterSeconds,
        @JsonProperty("retry_after_ms") Integer retryAfterMs,
        @JsonProperty("delay_ms") Integer delayMs,
        @JsonProperty("when_prompt_contains") String whenPromptContains,
        @JsonProperty("error_code") String errorCode,
        @JsonProperty("refusal") Boolean refusal,
        @JsonProperty("message") String message) {

    /** An error answer with the given HTTP status, applying until cleared. */
    public static Fault error(int status) {
        return new Fault(status, null, null, null, null, null, null, null, null);
    }

    /** A normal completion answered only after {@code delayMs}, applying until cleared. */
    public static Fault delayed(int delayMs) {
        return new Fault(null, null, null, null, delayMs, null, null, null, null);
    }

    /** A 200 completion whose message is a refusal, applying until cleared. */
    public static Fault refusing() {
        return new Fault(null, null, null, null, null, null, null, true, null);
    }

    public Fault withTimes(Integer value) {
        return new Fault(
                status,
                value,
                retryAfterSeconds,
                retryAfterMs,
                delayMs,
                whenPromptContains,
                errorCode,
                refusal,
                message);
    }

    public Fault withRetryAfterSeconds(Integer value) {
        return new Fault(status, times, value, retryAfterMs, delayMs, whenPromptContains, errorCode, refusal, message);
    }

    public Fault withRetryAfterMs(Integer value) {
        return new Fault(
                status, times, retryAfterSeconds, value, delayMs, whenPromptContains, errorCode, refusal, message);
    }

    public Fault withDelayMs(Integer value) {
        return new Fault(
                status, times, retryAfterSeconds, retryAfterMs, value, whenPromptContains, errorCode, refusal, message);
    }

    public Fault onlyWhenPromptContains(String value) {
        return new Fault(status, times, retryAfterSeconds, retryAfterMs, delayMs, value, errorCode, refusal, message);
    }

    public Fault withErrorCode(String value) {
        return new Fault(
                status, times, retryAfterSeconds, retryAfterMs, delayMs, whenPromptContains, value, refusal, message);
    }

    public Fault withMessage(String value) {
        return new Fault(
                status, times, retryAfterSeconds, retryAfterMs, delayMs, whenPromptContains, errorCode, refusal, value);
    }

    boolean answersWithError() {
        return status != null && status >= 400;
    }

    boolean answersWithRefusal() {
        return Boolean.TRUE.equals(refusal);
    }
}
