package io.rebound.worker.retry;

import io.rebound.common.LogValue;
import io.rebound.common.OperationStatusChanged;
import io.rebound.worker.WorkerProperties;
import io.rebound.worker.status.StatusPublisher;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells users and SREs that an attempt failed and when the next one starts: a log line, the back-off meter and a
 * {@code processing} status event with {@code next_retry_at}. The same in both retry modes.
 */
public class AttemptReporter {

    private static final Logger log = LoggerFactory.getLogger(AttemptReporter.class);

    private final StatusPublisher status;
    private final RetryMetrics metrics;
    private final int maxAttempts;
    private final Duration aiTimeout;

    /** {@code aiTimeout}: the configured limit of one AI call, named in a timed-out attempt's text; null if unknown. */
    public AttemptReporter(
            StatusPublisher status, RetryMetrics metrics, WorkerProperties.Retry retry, Duration aiTimeout) {
        this.status = status;
        this.metrics = metrics;
        this.maxAttempts = retry.maxAttempts();
        this.aiTimeout = aiTimeout;
    }

    public void retrying(AiCallFailure failure, long delayMillis) {
        Classification c = failure.classification();
        log.warn(
                "AI attempt failed, retrying operation_id={} operation_type={} attempt={} of {} error_class={}"
                        + " http_status={} next_delay_ms={} error=\"{}\"",
                failure.request().operationId(),
                failure.request().operationType().wireName(),
                failure.attempt(),
                maxAttempts,
                c.errorClass(),
                c.httpStatus(),
                delayMillis,
                LogValue.of(c.message()));
        metrics.backOff(delayMillis);
        report(failure, Instant.now().plusMillis(delayMillis));
    }

    /**
     * The failed attempt's status event: with {@code next_retry_at} when a retry follows (published again with a later
     * time for a retry the circuit breaker holds, so that the time users see is never in the past), null after the
     * last attempt. Best effort: the retry or dead letter must not depend on the status topic. Its text is the fixed one
     * of the error code ({@link io.rebound.common.ErrorCode#attemptMessage}): the provider's own words are logged, not
     * shown.
     */
    public void report(AiCallFailure failure, Instant nextRetryAt) {
        Classification c = failure.classification();
        try {
            status.publish(OperationStatusChanged.attemptFailed(
                    failure.request(),
                    failure.attempt(),
                    maxAttempts,
                    nextRetryAt,
                    c.errorClass(),
                    c.httpStatus(),
                    c.errorCode().attemptMessage(c.httpStatus(), aiTimeout)));
        } catch (RuntimeException e) {
            log.warn(
                    "could not publish attempt failure of operation {}: {}",
                    failure.request().operationId(),
                    e.toString());
        }
    }
}
