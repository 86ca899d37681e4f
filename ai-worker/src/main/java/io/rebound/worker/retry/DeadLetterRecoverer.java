package io.rebound.worker.retry;

import io.rebound.common.OperationStatusChanged;
import io.rebound.worker.WorkerProperties;
import io.rebound.worker.operation.StatusPublisher;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Ends an operation's automatic retries: reports the last failed attempt, then hands the record to the
 * {@link DeadLetterPublishingRecoverer}. If the dead-letter publish fails, the exception reaches the caller (the blocking
 * mode's error handler, or the non-blocking mode's outcome writer), which leaves the offset uncommitted, so the record
 * is neither committed nor lost.
 */
public class DeadLetterRecoverer implements ConsumerAwareRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecoverer.class);

    private final DeadLetterPublishingRecoverer publisher;
    private final StatusPublisher status;
    private final RetryMetrics metrics;
    private final FailureClassifier classifier;
    private final int maxAttempts;

    public DeadLetterRecoverer(
            DeadLetterPublishingRecoverer publisher,
            StatusPublisher status,
            RetryMetrics metrics,
            FailureClassifier classifier,
            WorkerProperties.Retry retry) {
        this.publisher = publisher;
        this.status = status;
        this.metrics = metrics;
        this.classifier = classifier;
        this.maxAttempts = retry.maxAttempts();
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        AiCallFailure failure = FailureClassifier.find(exception, AiCallFailure.class);
        if (failure != null) {
            reportLastAttempt(failure);
        }
        publisher.accept(record, consumer, exception);
        String type =
                failure == null ? "unknown" : failure.request().operationType().wireName();
        String code = failure == null
                ? classifier.classify(exception).errorCode().name()
                : failure.classification().errorCode().name();
        metrics.deadLettered(type, code);
        log.warn(
                "operation dead-lettered operation_id={} operation_type={} error_code={} attempts={} topic={}"
                        + " partition={} offset={} reason=\"{}\"",
                record.key(),
                type,
                code,
                failure == null ? 1 : failure.attempt(),
                record.topic(),
                record.partition(),
                record.offset(),
                failure == null ? exception.getMessage() : failure.getMessage());
    }

    private void reportLastAttempt(AiCallFailure failure) {
        Classification c = failure.classification();
        try {
            status.publish(OperationStatusChanged.attemptFailed(
                    failure.request(),
                    failure.attempt(),
                    maxAttempts,
                    null,
                    c.errorClass(),
                    c.httpStatus(),
                    c.message()));
        } catch (RuntimeException e) {
            log.warn(
                    "could not publish last attempt of operation {}: {}",
                    failure.request().operationId(),
                    e.toString());
        }
    }
}
