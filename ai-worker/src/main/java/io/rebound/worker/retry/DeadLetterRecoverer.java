package io.rebound.worker.retry;

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
    private final AttemptReporter reporter;
    private final RetryMetrics metrics;
    private final FailureClassifier classifier;

    public DeadLetterRecoverer(
            DeadLetterPublishingRecoverer publisher,
            AttemptReporter reporter,
            RetryMetrics metrics,
            FailureClassifier classifier) {
        this.publisher = publisher;
        this.reporter = reporter;
        this.metrics = metrics;
        this.classifier = classifier;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        AiCallFailure failure = FailureClassifier.find(exception, AiCallFailure.class);
        if (failure != null) {
            reporter.report(failure, null);
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
}
