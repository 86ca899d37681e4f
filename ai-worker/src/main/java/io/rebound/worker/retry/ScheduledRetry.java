package io.rebound.worker.retry;

import java.time.Instant;

/**
 * Why a record goes to {@code operations.requested-retry}: its attempt failed transiently and the next one is due at
 * {@code dueAt}. The dead-letter publisher that writes the retry record reads both from it.
 */
public class ScheduledRetry extends RuntimeException {

    private final transient AiCallFailure failure;
    private final Instant dueAt;

    public ScheduledRetry(AiCallFailure failure, Instant dueAt) {
        super(
                "attempt " + failure.attempt() + " failed, attempt " + (failure.attempt() + 1) + " due at " + dueAt,
                failure);
        this.failure = failure;
        this.dueAt = dueAt;
    }

    public AiCallFailure failure() {
        return failure;
    }

    public Instant dueAt() {
        return dueAt;
    }
}
