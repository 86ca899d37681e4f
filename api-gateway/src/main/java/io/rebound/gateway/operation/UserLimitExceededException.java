package io.rebound.gateway.operation;

import java.time.Duration;

/** A user asked for more AI work than {@link UserLimitsProperties} allows; nothing was stored. */
public class UserLimitExceededException extends RuntimeException {

    private final String code;
    private final int limit;
    private final Duration retryAfter;

    private UserLimitExceededException(String code, String message, int limit, Duration retryAfter) {
        super(message);
        this.code = code;
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    static UserLimitExceededException tooManyOpen(int limit, Duration retryAfter) {
        return new UserLimitExceededException(
                "TOO_MANY_OPEN_OPERATIONS",
                "You already have " + limit + " AI requests waiting or running, the most one person may have at once."
                        + " What to do: wait until some of them finish, then try again.",
                limit,
                retryAfter);
    }

    static UserLimitExceededException tooManyPerMinute(int limit, Duration retryAfter) {
        return new UserLimitExceededException(
                "OPERATION_RATE_LIMITED",
                "You started " + limit + " AI requests within the last minute, the most one person may start."
                        + " What to do: wait " + retryAfter.toSeconds() + " s, then try again.",
                limit,
                retryAfter);
    }

    static UserLimitExceededException tooManyParallel(Duration waited) {
        return new UserLimitExceededException(
                "TOO_MANY_PARALLEL_REQUESTS",
                "Your earlier AI requests were still being accepted after " + waited.toSeconds() + " s."
                        + " What to do: send fewer at once, then try again.",
                1,
                Duration.ofSeconds(1));
    }

    public String code() {
        return code;
    }

    public int limit() {
        return limit;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
