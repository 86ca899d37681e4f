package io.rebound.worker.retry;

import io.rebound.common.Causes;
import io.rebound.common.EventJson;
import io.rebound.common.LogValue;
import io.rebound.common.OperationRequested;
import java.util.Arrays;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Ends an operation's automatic retries: reports the last failed attempt, then hands the record to the
 * {@link DeadLetterPublishingRecoverer}. A dead letter the topic or the producer refuses for what it is (too large with
 * the failure's headers) is written as its metadata plus an excerpt of its value instead, in both retry modes; if even
 * that is refused, it is logged and counted rather than tried again for ever. Any other failed publish (broker down,
 * topic missing) reaches the caller (the blocking mode's error handler, or the non-blocking mode's outcome writer),
 * which leaves the offset uncommitted, so the record is neither committed nor lost.
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
        AiCallFailure failure = Causes.find(exception, AiCallFailure.class);
        if (failure != null) {
            reporter.report(failure, null);
        }
        try {
            publisher.accept(record, consumer, exception);
        } catch (RuntimeException e) {
            if (!refusedForWhatItIs(e)) {
                throw e;
            }
            log.warn(
                    "dead letter too large to write whole; writing an excerpt topic={} partition={} offset={}"
                            + " error=\"{}\"",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    LogValue.of(e));
            excerpt(record, consumer, exception, operationOf(record, failure));
            return;
        }
        counted(record, exception, failure);
    }

    /**
     * Dead-letters the record's metadata and the first {@link OversizedRecordException#EXCERPT_BYTES} of its value,
     * with its original size and operation, and none of its own headers.
     *
     * @param operationId the operation read from the record, or null
     */
    public void excerpt(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception cause, UUID operationId) {
        byte[] value = rawValue(record, cause);
        byte[] excerpt = Arrays.copyOf(value, Math.min(value.length, OversizedRecordException.EXCERPT_BYTES));
        ConsumerRecord<Object, byte[]> shrunk = new ConsumerRecord<>(
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                record.timestampType(),
                record.serializedKeySize(),
                excerpt.length,
                record.key(),
                excerpt,
                new RecordHeaders(),
                record.leaderEpoch());
        OversizedRecordException oversized = new OversizedRecordException(value.length, operationId, cause);
        try {
            publisher.accept(shrunk, consumer, oversized);
        } catch (RuntimeException e) {
            if (!refusedForWhatItIs(e)) {
                throw e;
            }
            // Trying again would hold the partition for good. The record itself stays on its topic at this offset.
            metrics.deadLetterUnwritable();
            log.error(
                    "dead letter not written: even its excerpt is refused; the record stays only on its topic"
                            + " topic={} partition={} offset={} key=\"{}\" value_bytes={} error=\"{}\"",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    LogValue.of(record.key()),
                    value.length,
                    LogValue.of(e));
            return;
        }
        counted(record, oversized, Causes.find(cause, AiCallFailure.class));
    }

    private void counted(ConsumerRecord<?, ?> record, Exception exception, AiCallFailure failure) {
        String type =
                failure == null ? "unknown" : failure.request().operationType().wireName();
        String code = failure == null
                ? classifier.classify(exception).errorCode().name()
                : failure.classification().errorCode().name();
        metrics.deadLettered(type, code);
        log.warn(
                "operation dead-lettered operation_id=\"{}\" operation_type={} error_code={} attempts={} topic={}"
                        + " partition={} offset={} reason=\"{}\"",
                LogValue.of(record.key()),
                type,
                code,
                failure == null ? 1 : failure.attempt(),
                record.topic(),
                record.partition(),
                record.offset(),
                LogValue.of(failure == null ? exception.getMessage() : failure.getMessage()));
    }

    /** The broker or the producer refuses the record itself: sending it again cannot help. */
    public static boolean refusedForWhatItIs(Throwable failure) {
        return Causes.find(failure, RecordTooLargeException.class) != null
                || Causes.find(failure, RecordBatchTooLargeException.class) != null
                || Causes.find(failure, InvalidRecordException.class) != null;
    }

    private static UUID operationOf(ConsumerRecord<?, ?> record, AiCallFailure failure) {
        if (failure != null) {
            return failure.request().operationId();
        }
        return record.value() instanceof OperationRequested request ? request.operationId() : null;
    }

    /** The bytes the record came with: a value that could not be read travels in its deserialization error. */
    private static byte[] rawValue(ConsumerRecord<?, ?> record, Exception cause) {
        Object value = record.value();
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value != null) {
            return EventJson.write(value);
        }
        DeserializationException unreadable = Causes.find(cause, DeserializationException.class);
        return unreadable == null || unreadable.getData() == null ? new byte[0] : unreadable.getData();
    }
}
