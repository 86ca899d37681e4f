package io.rebound.gateway.deadletter;

import io.rebound.common.ErrorCode;
import io.rebound.common.EventJson;
import io.rebound.common.OperationRequested;
import io.rebound.common.kafka.DeadLetterHeaderNames;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What Rebound reads out of one record of a dead-letter topic: its cause, its operation and its origin. */
record DeadLetterRecord(
        String topic,
        int partition,
        long offset,
        String key,
        UUID operationId,
        String operationType,
        ErrorCode errorCode,
        String exceptionClass,
        String exceptionMessage,
        String reason,
        String originalTopic,
        Integer originalPartition,
        Long originalOffset,
        Integer attempts,
        Map<String, String> headers,
        byte[] payload,
        Instant deadLetteredAt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Column sizes of dead_letters: a longer value from a record is cut, so that the index takes every record. */
    private static final int CLASS_MAX = 300;

    private static final int TYPE_MAX = 40;
    private static final int TOPIC_MAX = 249;

    /**
     * Reads a record of a dead-letter topic. Its operation is the one its payload is (a request with that id), or, for
     * an excerpt the worker wrote, the one it names in its own header; never the record's key, which anyone who can
     * write a record chooses.
     */
    static DeadLetterRecord of(ConsumerRecord<String, byte[]> record) {
        String underlying = text(record, DeadLetterHeaderNames.EXCEPTION_CLASS);
        String cause = text(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
        String fqcn = text(record, KafkaHeaders.DLT_EXCEPTION_FQCN);
        String attempts = text(record, DeadLetterHeaderNames.ATTEMPTS);
        return new DeadLetterRecord(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                operation(record),
                cut(operationType(record.value()), TYPE_MAX),
                ErrorCode.parse(text(record, DeadLetterHeaderNames.ERROR_CODE)),
                cut(underlying != null ? underlying : cause != null ? cause : fqcn, CLASS_MAX),
                text(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
                text(record, DeadLetterHeaderNames.REASON),
                cut(text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC), TOPIC_MAX),
                number(record, KafkaHeaders.DLT_ORIGINAL_PARTITION) == null
                        ? null
                        : number(record, KafkaHeaders.DLT_ORIGINAL_PARTITION).intValue(),
                number(record, KafkaHeaders.DLT_ORIGINAL_OFFSET),
                attempts == null || !attempts.matches("\\d{1,9}") ? null : Integer.valueOf(attempts),
                headers(record),
                record.value(),
                Instant.ofEpochMilli(record.timestamp()));
    }

    String describedReason() {
        return reason != null ? reason : exceptionMessage;
    }

    /** The same record, indexed without an operation: it is not that operation's dead letter. */
    DeadLetterRecord withoutOperation() {
        return new DeadLetterRecord(
                topic,
                partition,
                offset,
                key,
                null,
                operationType,
                errorCode,
                exceptionClass,
                exceptionMessage,
                reason,
                originalTopic,
                originalPartition,
                originalOffset,
                attempts,
                headers,
                payload,
                deadLetteredAt);
    }

    /** The request the payload is, or null (not a request, or an excerpt of one). */
    static OperationRequested request(byte[] value) {
        try {
            OperationRequested request = EventJson.read(value, OperationRequested.class);
            return request.operationId() == null || request.operationType() == null ? null : request;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static UUID operation(ConsumerRecord<String, byte[]> record) {
        OperationRequested request = request(record.value());
        if (request != null) {
            return request.operationId();
        }
        String size = text(record, DeadLetterHeaderNames.ORIGINAL_SIZE);
        return size == null || size.isEmpty() ? null : uuid(text(record, DeadLetterHeaderNames.OPERATION_ID));
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static String operationType(byte[] value) {
        try {
            JsonNode type = JSON.readTree(value).get("operation_type");
            return type == null || !type.isString() ? null : type.asString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static UUID uuid(String key) {
        try {
            return key == null || key.isEmpty() ? null : UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String text(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** spring-kafka writes original partitions and offsets as big-endian binary numbers. */
    private static Long number(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null) {
            return null;
        }
        byte[] value = header.value();
        return switch (value.length) {
            case 4 -> (long) ByteBuffer.wrap(value).getInt();
            case 8 -> ByteBuffer.wrap(value).getLong();
            default -> null;
        };
    }

    /** Every header as text: UTF-8 where it is, numbers for spring-kafka's binary ones, base64 otherwise. */
    private static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), readable(header.value()));
        }
        for (String binary : new String[] {
            KafkaHeaders.DLT_ORIGINAL_PARTITION,
            KafkaHeaders.DLT_ORIGINAL_OFFSET,
            KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
            KafkaHeaders.DELIVERY_ATTEMPT
        }) {
            Long value = number(record, binary);
            if (value != null) {
                headers.put(binary, value.toString());
            }
        }
        return headers;
    }

    static String readable(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(value))
                    .toString();
            return text.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\r' || c == '\t')
                    ? text
                    : "base64:" + Base64.getEncoder().encodeToString(value);
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(value);
        }
    }
}
