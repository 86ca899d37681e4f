package io.rebound.worker.retry;

import io.rebound.worker.WorkerProperties;
import java.time.Duration;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The wait before each automatic retry, the same in both retry modes: the {@link ExponentialBackOff}'s interval for
 * that retry (jitter included), or a provider's {@code Retry-After} when it asks for longer, cut to its cap.
 */
public class RetryDelays {

    /** No retry is left. */
    public static final long STOP = BackOffExecution.STOP;

    private final ExponentialBackOff backOff;
    private final Duration retryAfterCap;

    public RetryDelays(ExponentialBackOff backOff, WorkerProperties.Retry retry) {
        this.backOff = backOff;
        this.retryAfterCap = retry.retryAfterCap();
    }

    /** The delay after failed attempt {@code attempt} (1 for the first try), or {@link #STOP}. */
    public long after(int attempt, Classification classification) {
        if (!classification.transientFailure()) {
            return STOP;
        }
        BackOffExecution execution = backOff.start();
        long delay = STOP;
        for (int i = 0; i < attempt; i++) {
            delay = execution.nextBackOff();
        }
        return delay == STOP ? STOP : withRetryAfter(delay, classification, retryAfterCap);
    }

    static long withRetryAfter(long nextBackOff, Classification classification, Duration cap) {
        Duration retryAfter = classification.retryAfter();
        if (retryAfter == null) {
            return nextBackOff;
        }
        return Math.max(nextBackOff, Math.min(retryAfter.toMillis(), cap.toMillis()));
    }
}
