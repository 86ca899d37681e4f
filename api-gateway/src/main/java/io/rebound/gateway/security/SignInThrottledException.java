package io.rebound.gateway.security;

import io.rebound.gateway.web.Problems;
import java.time.Duration;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;

/**
 * Too many failed sign-ins for the account name or from the client address; the password was not checked. The same
 * answer whichever limit it was and whether the account exists, so it tells an attacker nothing.
 */
public class SignInThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    SignInThrottledException(Duration retryAfter) {
        super("sign-in throttled for " + retryAfter);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The 429 problem; its {@code retry_after_seconds} is also the {@code Retry-After} header to send. */
    public ProblemDetail problem() {
        return Problems.tooManyRequests(
                "SIGN_IN_THROTTLED",
                "Too many failed sign-ins. What to do: wait " + Problems.retryAfterSeconds(retryAfter)
                        + " s, then try again with the right password.",
                retryAfter);
    }
}
