package io.rebound.common;

import java.time.Duration;

/**
 * Stable codes for why an operation failed. Clients switch on the code and its {@link #nextAction()}; people read
 * {@link #userMessage}, which always has the form "&lt;what happened&gt;. What to do: &lt;action&gt;" so a UI can
 * split it, and which depends on the operation's type and attempts.
 */
public enum ErrorCode {
    AI_UNAVAILABLE(NextAction.RETRY, false),
    AI_TIMEOUT(NextAction.RETRY, false),
    AI_RATE_LIMITED(NextAction.WAIT_AND_RETRY, false),
    AI_QUOTA_EXCEEDED(NextAction.ASK_ADMINISTRATOR, false),
    AI_CONFIGURATION(NextAction.ASK_ADMINISTRATOR, false),
    AI_REJECTED(NextAction.REPHRASE, false),
    INVALID_REQUEST(NextAction.CONTACT_SUPPORT, true),
    TIMED_OUT(NextAction.RETRY, false),
    INTERNAL_ERROR(NextAction.RETRY, true),
    /**
     * Only on dead letters, never an operation's own failure: an event named an operation that exists but it is not
     * that operation's request (another service reused the id), so it was not applied.
     */
    DUPLICATE_OPERATION(NextAction.ASK_ADMINISTRATOR, false);

    private final NextAction nextAction;
    private final boolean contactSupport;

    ErrorCode(NextAction nextAction, boolean contactSupport) {
        this.nextAction = nextAction;
        this.contactSupport = contactSupport;
    }

    /** What the person can usefully do; it agrees with the "What to do" of {@link #userMessage}. */
    public NextAction nextAction() {
        return nextAction;
    }

    /** Whether the text sends the person to support, so a client shows the operation id beside it. */
    public boolean contactSupport() {
        return contactSupport;
    }

    /**
     * The text a person reads for a failed operation of this type after {@code attempts} automatic attempts, always
     * "&lt;what happened&gt;. What to do: &lt;action&gt;." so a UI can split it. Fixed words only: what the AI provider
     * said never reaches it.
     */
    public String userMessage(OperationType type, int attempts) {
        // Without a known count (a dead letter that does not say), the text says no number rather than a wrong one.
        String tries = attempts < 1 ? "" : attempts == 1 ? " after 1 attempt" : " after " + attempts + " attempts";
        return switch (this) {
            case AI_UNAVAILABLE ->
                "The AI service kept failing" + tries
                        + ". What to do: press Retry in a minute; if it keeps failing the service may be down, try again later.";
            case AI_TIMEOUT ->
                "The AI service did not answer in time" + tries
                        + ". What to do: press Retry; the next try often succeeds.";
            case AI_RATE_LIMITED ->
                "The AI service is receiving too many requests right now"
                        + ". What to do: wait a minute, then press Retry.";
            case AI_QUOTA_EXCEEDED ->
                "The AI service quota of this installation is used up"
                        + ". What to do: tell your administrator; retrying will not help until the quota is raised.";
            case AI_CONFIGURATION ->
                "The AI service is not set up correctly for this installation"
                        + ". What to do: tell your administrator; retrying will not help until it is fixed.";
            case AI_REJECTED -> type.refusalMessage();
            case INVALID_REQUEST ->
                "This request could not be processed because it was invalid"
                        + ". What to do: contact support with the operation id shown here; retrying will not help.";
            case TIMED_OUT ->
                "This took too long and was stopped so you are not left waiting"
                        + ". What to do: press Retry; the system may have been busy.";
            case INTERNAL_ERROR ->
                "Something went wrong on our side"
                        + ". What to do: press Retry; if it fails again, contact support with the operation id shown here.";
            case DUPLICATE_OPERATION ->
                "Another request used the id of an existing operation and was ignored"
                        + ". What to do: tell the service that sent it to use a new operation id for each request.";
        };
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
