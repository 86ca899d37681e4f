package io.rebound.gateway.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rebound.common.Causes;
import io.rebound.common.ErrorCode;
import io.rebound.common.EventJson;
import io.rebound.common.LogValue;
import io.rebound.common.kafka.DeadLetterHeaderNames;
import io.rebound.gateway.operation.ForeignOperationEventException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Dead-letters a status event the gateway cannot apply, with its reason and error code. One the topic or the producer
 * refuses for what it is (too large with the failure's headers) is written as its metadata plus the first
 * {@link DeadLetterHeaderNames#EXCERPT_BYTES} of its value and its original size; if even that is refused it is logged
 * and counted, never tried again for ever: a failed dead-letter publish would hold the status partition, and with it
 * every user's operations on it.
 */
class StatusDeadLetters implements ConsumerAwareRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(StatusDeadLetters.class);

    private final DeadLetterPublishingRecoverer publisher;
    private final Counter unwritable;

    StatusDeadLetters(DeadLetterPublishingRecoverer publisher, MeterRegistry registry) {
        this.publisher = publisher;
        this.unwritable = Counter.builder("rebound.dead.letters.unwritable")
                .description("Dead letters not written because even their excerpt was refused")
                .register(registry);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        try {
            publisher.accept(record, consumer, exception);
        } catch (RuntimeException e) {
            if (!refusedForWhatItIs(e)) {
                throw e;
            }
            excerpt(record, consumer, exception);
        }
    }

    private void excerpt(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception cause) {
        byte[] value = rawValue(record, cause);
        byte[] excerpt = Arrays.copyOf(value, Math.min(value.length, DeadLetterHeaderNames.EXCERPT_BYTES));
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
        try {
            publisher.accept(shrunk, consumer, new Excerpt(value.length, cause));
        } catch (RuntimeException e) {
            if (!refusedForWhatItIs(e)) {
                throw e;
            }
            unwritable.increment();
            log.error(
                    "status dead letter not written: even its excerpt is refused; the record stays only on its topic"
                            + " topic={} partition={} offset={} key=\"{}\" value_bytes={} error=\"{}\"",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    LogValue.of(record.key()),
                    value.length,
                    LogValue.of(e));
        }
    }

    /** The innermost error says what is wrong with the record ("not a valid OperationStatusChanged: ..."). */
    static Headers headers(Exception exception) {
        Throwable root = Causes.root(exception);
        Excerpt excerpt = Causes.find(exception, Excerpt.class);
        boolean foreign = Causes.anyOf(exception, ForeignOperationEventException.class);
        RecordHeaders headers = new RecordHeaders();
        add(headers, DeadLetterHeaderNames.REASON, cut(root.getClass().getSimpleName() + ": " + root.getMessage()));
        add(
                headers,
                DeadLetterHeaderNames.ERROR_CODE,
                (foreign ? ErrorCode.DUPLICATE_OPERATION : ErrorCode.INVALID_REQUEST).name());
        add(headers, DeadLetterHeaderNames.EXCEPTION_CLASS, root.getClass().getName());
        add(headers, DeadLetterHeaderNames.ORIGINAL_SIZE, excerpt == null ? "" : Integer.toString(excerpt.size));
        return headers;
    }

    /** A reason may quote the record; 2,000 characters say enough, and keep the dead letter within its topic. */
    private static String cut(String reason) {
        return reason.length() <= 2_000 ? reason : reason.substring(0, 2_000) + " ... (cut)";
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(new DeadLetterPublishingRecoverer.SingleRecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean refusedForWhatItIs(Throwable failure) {
        return Causes.anyOf(
                failure,
                RecordTooLargeException.class,
                RecordBatchTooLargeException.class,
                InvalidRecordException.class);
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
        return Causes.first(cause, DeserializationException.class, unreadable -> unreadable.getData() != null)
                .map(DeserializationException::getData)
                .orElse(new byte[0]);
    }

    /**
     * spring-kafka's publisher reports a send the producer refused at once (larger than {@code max.request.size})
     * without its cause, so it could not be told from a broker that is down: this one keeps it.
     */
    static final class CauseKeepingPublisher extends DeadLetterPublishingRecoverer {

        CauseKeepingPublisher(
                KafkaOperations<?, ?> kafka, BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination) {
            super(kafka, destination);
        }

        @Override
        protected void publish(
                ProducerRecord<Object, Object> outRecord,
                KafkaOperations<Object, Object> kafka,
                ConsumerRecord<?, ?> inRecord) {
            CompletableFuture<SendResult<Object, Object>> sent;
            try {
                sent = kafka.send(outRecord);
            } catch (RuntimeException e) {
                throw new KafkaException(
                        "Dead-letter publication to " + outRecord.topic() + " failed for: " + inRecord.topic() + "-"
                                + inRecord.partition() + "@" + inRecord.offset(),
                        e);
            }
            verifySendResult(kafka, outRecord, sent, inRecord);
        }
    }

    /** Why a dead letter carries only an excerpt; its cause is the failure that sent the record here. */
    static final class Excerpt extends RuntimeException {
        private final int size;

        Excerpt(int size, Throwable cause) {
            super(
                    "the record (" + size
                            + " bytes) is too large to dead-letter whole; the dead letter keeps its first "
                            + DeadLetterHeaderNames.EXCERPT_BYTES + " bytes",
                    cause);
            this.size = size;
        }
    }
}
