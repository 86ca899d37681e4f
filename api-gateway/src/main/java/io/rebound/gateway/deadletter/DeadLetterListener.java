package io.rebound.gateway.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rebound.common.LogValue;
import io.rebound.common.Topics;
import io.rebound.gateway.DatabaseOutage;
import io.rebound.gateway.operation.OperationStatusUpdater;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the dead-letter topics raw (a dead letter may be a request that was never valid JSON) and, in one transaction,
 * indexes the record for SREs and, for a dead-lettered request that is its operation's, fails that operation with a
 * message the person can act on. Status events the gateway could not apply ({@code operations.status-dlt}) are indexed
 * only: a completed result among them is kept for SREs and fails nothing. A record the index cannot take is logged and
 * counted ({@code rebound_dead_letters_unindexed_total}) instead of vanishing.
 */
@Component
class DeadLetterListener {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterListener.class);

    private final DeadLetterIndex index;
    private final RetryResolutions resolutions;
    private final OperationStatusUpdater operations;
    private final TransactionTemplate transaction;
    private final MeterRegistry registry;

    DeadLetterListener(
            DeadLetterIndex index,
            RetryResolutions resolutions,
            OperationStatusUpdater operations,
            TransactionTemplate transaction,
            MeterRegistry registry) {
        this.index = index;
        this.resolutions = resolutions;
        this.operations = operations;
        this.transaction = transaction;
        this.registry = registry;
        // Registered up front so that an alert on them has a series from the start.
        unindexed(Topics.OPERATIONS_REQUESTED_DLT);
        unindexed(Topics.OPERATIONS_STATUS_DLT);
    }

    @KafkaListener(
            id = "gateway-dead-letters",
            topics = {Topics.OPERATIONS_REQUESTED_DLT, Topics.OPERATIONS_STATUS_DLT},
            groupId = "${rebound.gateway.consumer-group:rebound-gateway}",
            properties = {"value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer"})
    public void onDeadLetter(ConsumerRecord<String, byte[]> record) {
        try {
            transaction.executeWithoutResult(status -> record(record));
        } catch (RuntimeException e) {
            if (DatabaseOutage.isOutage(e)) {
                // Retried without end while the database is away: the offset is committed only once both are written.
                throw DatabaseOutage.retryable(e);
            }
            // The dead-letter topics have no dead-letter topic of their own: without this the record would be skipped
            // with nothing but a log line. It stays on its topic; the counter is alerted on.
            unindexed(record.topic()).increment();
            log.error(
                    "dead letter not indexed topic={} partition={} offset={} error=\"{}\"",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    LogValue.of(e));
        }
    }

    private void record(ConsumerRecord<String, byte[]> record) {
        DeadLetterRecord deadLetter = DeadLetterRecord.of(record);
        if (!Topics.OPERATIONS_REQUESTED_DLT.equals(record.topic())) {
            index.add(deadLetter.withoutOperation());
            log.warn(
                    "status event dead-lettered topic={} partition={} offset={} key=\"{}\" error_code=\"{}\""
                            + " reason=\"{}\"",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    LogValue.of(record.key()),
                    LogValue.of(deadLetter.errorCode()),
                    LogValue.of(deadLetter.describedReason()));
            return;
        }
        if (deadLetter.operationId() == null) {
            index.add(deadLetter);
            log.warn(
                    "dead letter without an operation partition={} offset={} error_code=\"{}\" reason=\"{}\"",
                    record.partition(),
                    record.offset(),
                    LogValue.of(deadLetter.errorCode()),
                    LogValue.of(deadLetter.describedReason()));
            return;
        }
        boolean itsOwn = operations.deadLettered(
                deadLetter.operationId(),
                DeadLetterRecord.request(record.value()),
                deadLetter.errorCode(),
                deadLetter.attempts(),
                deadLetter.describedReason());
        if (!itsOwn) {
            index.add(deadLetter.withoutOperation());
        } else if (index.add(deadLetter) && resolutions.resolveIfCompletedLater(deadLetter.operationId())) {
            log.info(
                    "dead letter resolved on arrival: its retry had completed already operation_id={}",
                    deadLetter.operationId());
        }
    }

    private Counter unindexed(String topic) {
        return Counter.builder("rebound.dead.letters.unindexed")
                .description("Dead-letter records the index could not take (they stay on their topic)")
                .tag("topic", topic)
                .register(registry);
    }
}
