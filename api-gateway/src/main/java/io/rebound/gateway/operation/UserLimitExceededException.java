package io.rebound.gateway.operation;

import io.rebound.gateway.web.Problems;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A user asked for more AI work than {@link UserLimitsProperties} allows; nothing was stored. 429 with the limit and
 * {@code Retry-After}.
 */
class UserLimitExceededException extends ErrorResponseException {

    private UserLimitExceededException(String code, String message, int limit, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(code, message, limit, retryAfter), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Problems.retryAfterSeconds(retryAfter)));
    }

    private static ProblemDetail problem(String code, String message, int limit, Duration retryAfter) {
        ProblemDetail problem = Problems.tooManyRequests(code, message, retryAfter);
        problem.setProperty("limit", limit);
        return problem;
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
}
