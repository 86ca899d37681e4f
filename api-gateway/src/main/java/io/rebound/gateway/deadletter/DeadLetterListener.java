package io.rebound.gateway.deadletter;

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
 * Reads the dead-letter topic raw (a dead letter may be a request that was never valid JSON) and, in one transaction,
 * indexes the record for SREs and fails its operation with a message the person can act on.
 */
@Component
class DeadLetterListener {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterListener.class);

    private final DeadLetterIndex index;
    private final OperationStatusUpdater operations;
    private final TransactionTemplate transaction;

    DeadLetterListener(DeadLetterIndex index, OperationStatusUpdater operations, TransactionTemplate transaction) {
        this.index = index;
        this.operations = operations;
        this.transaction = transaction;
    }

    @KafkaListener(
            id = "gateway-dead-letters",
            topics = Topics.OPERATIONS_REQUESTED_DLT,
            groupId = "${rebound.gateway.consumer-group:rebound-gateway}",
            properties = {"value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer"})
    public void onDeadLetter(ConsumerRecord<String, byte[]> record) {
        try {
            transaction.executeWithoutResult(status -> record(record));
        } catch (RuntimeException e) {
            // Retried without end while the database is away: the offset is committed only once both are written.
            throw DatabaseOutage.retryable(e);
        }
    }

    private void record(ConsumerRecord<String, byte[]> record) {
        DeadLetterRecord deadLetter = DeadLetterRecord.of(record);
        index.add(deadLetter);
        if (deadLetter.operationId() == null) {
            log.warn(
                    "dead letter without an operation partition={} offset={} error_code={} reason=\"{}\"",
                    record.partition(),
                    record.offset(),
                    deadLetter.errorCode(),
                    deadLetter.describedReason());
            return;
        }
        operations.deadLettered(deadLetter.operationId(), deadLetter.errorCode(), deadLetter.describedReason());
    }
}
