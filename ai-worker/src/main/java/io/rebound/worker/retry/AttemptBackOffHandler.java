package io.rebound.worker.retry;

import io.rebound.common.OperationStatusChanged;
import io.rebound.worker.WorkerProperties;
import io.rebound.worker.operation.StatusPublisher;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.ListenerUtils;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Runs between a failed attempt and the next one. It is the only place that knows the actual delay, so it honours a
 * provider's {@code Retry-After} (capped; the back-off function is consulted only once per record), tells the user
 * when the next attempt starts through a status event, logs the attempt and then sleeps on the consumer thread.
 */
public class AttemptBackOffHandler implements BackOffHandler {

    private static final Logger log = LoggerFactory.getLogger(AttemptBackOffHandler.class);

    private final StatusPublisher status;
    private final RetryMetrics metrics;
    private final WorkerProperties.Retry retry;

    public AttemptBackOffHandler(StatusPublisher status, RetryMetrics metrics, WorkerProperties.Retry retry) {
        this.status = status;
        this.metrics = metrics;
        this.retry = retry;
    }

    @Override
    public void onNextBackOff(MessageListenerContainer container, Exception exception, long nextBackOff) {
        AiCallFailure failure = FailureClassifier.find(exception, AiCallFailure.class);
        long delay = failure == null ? nextBackOff : withRetryAfter(nextBackOff, failure.classification());
        if (failure != null) {
            report(failure, delay);
        } else {
            log.warn("listener attempt failed, retrying in {} ms: {}", delay, exception.toString());
        }
        metrics.backOff(delay);
        sleep(container, delay);
    }

    long withRetryAfter(long nextBackOff, Classification classification) {
        Duration retryAfter = classification.retryAfter();
        if (retryAfter == null) {
            return nextBackOff;
        }
        long capped = Math.min(retryAfter.toMillis(), retry.retryAfterCap().toMillis());
        return Math.max(nextBackOff, capped);
    }

    private void report(AiCallFailure failure, long delay) {
        Classification c = failure.classification();
        Instant nextRetryAt = Instant.now().plusMillis(delay);
        log.warn(
                "AI attempt failed, retrying operation_id={} operation_type={} attempt={} of {} error_class={}"
                        + " http_status={} next_delay_ms={} error=\"{}\"",
                failure.request().operationId(),
                failure.request().operationType().wireName(),
                failure.attempt(),
                retry.maxAttempts(),
                c.errorClass(),
                c.httpStatus(),
                delay,
                c.message());
        try {
            status.publish(OperationStatusChanged.attemptFailed(
                    failure.request(),
                    failure.attempt(),
                    retry.maxAttempts(),
                    nextRetryAt,
                    c.errorClass(),
                    c.httpStatus(),
                    c.message()));
        } catch (RuntimeException e) {
            // The retry itself must not depend on the status topic; the next attempt reports again.
            log.warn(
                    "could not publish attempt failure of operation {}: {}",
                    failure.request().operationId(),
                    e.toString());
        }
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
