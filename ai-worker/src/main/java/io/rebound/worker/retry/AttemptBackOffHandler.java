package io.rebound.worker.retry;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.ListenerUtils;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The blocking retry mode's wait between a failed attempt and the next one. It is the only place that knows the actual
 * delay, so it honours a provider's {@code Retry-After} (capped; the back-off function is consulted only once per
 * record), reports the attempt and then sleeps on the consumer thread, longer while the circuit breaker holds calls.
 */
public class AttemptBackOffHandler implements BackOffHandler {

    private static final Logger log = LoggerFactory.getLogger(AttemptBackOffHandler.class);

    private final AttemptReporter reporter;
    private final RetryMetrics metrics;
    private final Duration retryAfterCap;
    private final HeldRetries held;

    /** Whether the circuit breaker lets calls through, and if not, until when a held retry must wait at least. */
    public interface HeldRetries {
        boolean allowsCalls();

        Instant heldUntil();
    }

    public AttemptBackOffHandler(
            AttemptReporter reporter, RetryMetrics metrics, Duration retryAfterCap, HeldRetries held) {
        this.reporter = reporter;
        this.metrics = metrics;
        this.retryAfterCap = retryAfterCap;
        this.held = held;
    }

    @Override
    public void onNextBackOff(MessageListenerContainer container, Exception exception, long nextBackOff) {
        AiCallFailure failure = FailureClassifier.find(exception, AiCallFailure.class);
        long delay = failure == null ? nextBackOff : withRetryAfter(nextBackOff, failure.classification());
        if (failure != null) {
            reporter.retrying(failure, delay);
        } else {
            log.warn("listener attempt failed, retrying in {} ms: {}", delay, exception.toString());
            metrics.backOff(delay);
        }
        sleep(container, delay);
        if (failure != null) {
            waitWhileTheBreakerHolds(container, failure);
        }
    }

    /**
     * The breaker opened during the back-off: the retry would only be paused after it, with a next_retry_at in the
     * past. Waiting here instead keeps the time users see ahead of them and starts the attempt once calls may go.
     */
    private void waitWhileTheBreakerHolds(MessageListenerContainer container, AiCallFailure failure) {
        while (!held.allowsCalls() && (container == null || container.isRunning())) {
            Instant until = held.heldUntil();
            reporter.report(failure, until);
            sleep(
                    container,
                    Math.max(100, Duration.between(Instant.now(), until).toMillis() - 1000));
        }
    }

    long withRetryAfter(long nextBackOff, Classification classification) {
        return RetryDelays.withRetryAfter(nextBackOff, classification, retryAfterCap);
    }

    private static void sleep(MessageListenerContainer container, long delay) {
        try {
            if (container == null) {
                Thread.sleep(delay);
            } else {
                ListenerUtils.stoppableSleep(container, delay);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
