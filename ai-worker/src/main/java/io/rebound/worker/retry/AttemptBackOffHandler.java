package io.rebound.worker.retry;

import io.rebound.common.Causes;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.ListenerUtils;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The blocking retry mode's wait between a failed attempt and the next one. It is the only place that knows the actual
 * delay, so it honours a provider's {@code Retry-After} (capped; the back-off function is consulted only once per
 * record), reports the attempt and then sleeps on the consumer thread.
 */
class AttemptBackOffHandler implements BackOffHandler {

    private static final Logger log = LoggerFactory.getLogger(AttemptBackOffHandler.class);

    private final AttemptReporter reporter;
    private final RetryMetrics metrics;
    private final Duration retryAfterCap;

    public AttemptBackOffHandler(AttemptReporter reporter, RetryMetrics metrics, Duration retryAfterCap) {
        this.reporter = reporter;
        this.metrics = metrics;
        this.retryAfterCap = retryAfterCap;
    }

    @Override
    public void onNextBackOff(MessageListenerContainer container, Exception exception, long nextBackOff) {
        AiCallFailure failure = Causes.find(exception, AiCallFailure.class);
        long delay = failure == null ? nextBackOff : withRetryAfter(nextBackOff, failure.classification());
        if (failure != null) {
            reporter.retrying(failure, delay);
        } else {
            log.warn("listener attempt failed, retrying in {} ms: {}", delay, exception.toString());
            metrics.backOff(delay);
        }
        sleep(container, delay);
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
