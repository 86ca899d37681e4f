package io.rebound.gateway.messaging;

import io.rebound.common.ErrorCode;
import io.rebound.common.Topics;
import io.rebound.gateway.operation.OperationStatusUpdater;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns a dead letter into a failed operation with a message the person can act on. The record is read raw: a dead
 * letter may be a request that was never valid JSON.
 */
@Component
class DeadLetterListener {

    static final String ERROR_CODE_HEADER = "rebound_error_code";
    static final String REASON_HEADER = "rebound_reason";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterListener.class);

    private final OperationStatusUpdater updater;

    DeadLetterListener(OperationStatusUpdater updater) {
        this.updater = updater;
    }

    @KafkaListener(
            id = "gateway-dead-letters",
            topics = Topics.OPERATIONS_REQUESTED_DLT,
            groupId = "${rebound.gateway.consumer-group:rebound-gateway}",
            properties = {"value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer"})
    void onDeadLetter(ConsumerRecord<String, byte[]> record) {
        ErrorCode code = ErrorCode.parse(header(record, ERROR_CODE_HEADER));
        String reason = header(record, REASON_HEADER);
        if (reason == null) {
            reason = header(record, "kafka_dlt-exception-message");
        }
        UUID operationId = parse(record.key());
        if (operationId == null) {
            log.warn(
                    "dead letter without an operation id key partition={} offset={} error_code={} reason=\"{}\"",
                    record.partition(),
                    record.offset(),
                    code,
                    reason);
            return;
        }
        updater.deadLettered(operationId, code, reason);
    }

    private static UUID parse(String key) {
        try {
            return key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
