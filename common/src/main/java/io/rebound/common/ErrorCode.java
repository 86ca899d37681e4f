package io.rebound.common;

import java.time.Duration;

/**
 * Stable codes for why an operation failed. Clients switch on the code; people read {@link #userMessage()}, which
 * always has the form "&lt;what happened&gt;. What to do: &lt;action&gt;" so a UI can split it.
 */
public enum ErrorCode {
    AI_UNAVAILABLE(
            "The AI service kept failing after 4 attempts",
            "press Retry in a minute; if it keeps failing the service may be down, try again later."),
    AI_TIMEOUT("The AI service did not answer in time after 4 attempts", "press Retry; the next try often succeeds."),
    AI_RATE_LIMITED("The AI service is receiving too many requests right now", "wait a minute, then press Retry."),
    AI_QUOTA_EXCEEDED(
            "The AI service quota of this installation is used up",
            "tell your administrator; retrying will not help until the quota is raised."),
    AI_CONFIGURATION(
            "The AI service is not set up correctly for this installation",
            "tell your administrator; retrying will not help until it is fixed."),
    AI_REJECTED("The AI service refused this request", "rephrase your answer, then press Retry."),
    INVALID_REQUEST(
            "This request could not be processed because it was invalid",
            "press Retry; if it fails again, contact support with the operation id."),
    TIMED_OUT(
            "This took too long and was stopped so you are not left waiting",
            "press Retry; the system may have been busy."),
    INTERNAL_ERROR("Something went wrong on our side", "press Retry; if it fails again, contact support."),
    /**
     * Only on dead letters, never an operation's own failure: an event named an operation that exists but it is not
     * that operation's request (another service reused the id), so it was not applied.
     */
    DUPLICATE_OPERATION(
            "Another request used the id of an existing operation and was ignored",
            "tell the service that sent it to use a new operation id for each request.");

    private final String whatHappened;
    private final String whatToDo;

    ErrorCode(String whatHappened, String whatToDo) {
        this.whatHappened = whatHappened;
        this.whatToDo = whatToDo;
    }

    public String userMessage() {
        return whatHappened + ". What to do: " + whatToDo;
    }

    /**
     * What one failed attempt was, for the people who watch it: a fixed text per code with the HTTP status, if any. A
     * provider's own error text can echo the prompt or the provider's internals, so it never travels to users; it stays
     * in the worker's log and on the dead letter, which administrators read.
     */
    public String attemptMessage(Integer httpStatus) {
        String what = switch (this) {
            case AI_UNAVAILABLE -> "The AI service was unavailable";
            case AI_TIMEOUT -> "The AI service did not answer in time";
            case AI_RATE_LIMITED -> "The AI service was receiving too many requests";
            case AI_QUOTA_EXCEEDED -> "The AI service quota is used up";
            case AI_CONFIGURATION -> "The AI service is not set up correctly";
            case AI_REJECTED -> "The AI service refused the request";
            case INVALID_REQUEST -> "The request was invalid";
            case TIMED_OUT -> "The operation ran out of time";
            case INTERNAL_ERROR, DUPLICATE_OPERATION -> "Something went wrong on our side";
        };
        return httpStatus == null ? what : what + " (HTTP " + httpStatus + ")";
    }

    /**
     * {@link #attemptMessage(Integer)}, and for a timeout the limit it hit ("The AI service timed out after 30 s"), so
     * that a person knows how long the call ran. {@code aiTimeout} is the worker's configured AI timeout, or null.
     */
    public String attemptMessage(Integer httpStatus, Duration aiTimeout) {
        if (this != AI_TIMEOUT || httpStatus != null || aiTimeout == null) {
            return attemptMessage(httpStatus);
        }
        long millis = aiTimeout.toMillis();
        String limit = millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
        return "The AI service timed out after " + limit;
    }

    /** Parses a code, falling back to {@link #INTERNAL_ERROR} for codes from a newer producer. */
    public static ErrorCode parse(String code) {
        if (code == null) {
            return INTERNAL_ERROR;
        }
        for (ErrorCode value : values()) {
            if (value.name().equals(code)) {
                return value;
            }
        }
        return INTERNAL_ERROR;
    }
}
