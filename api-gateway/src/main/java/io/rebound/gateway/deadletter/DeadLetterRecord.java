package io.rebound.gateway.deadletter;

import io.rebound.common.ErrorCode;
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

    static DeadLetterRecord of(ConsumerRecord<String, byte[]> record) {
        String underlying = text(record, "rebound_exception_class");
        String cause = text(record, "kafka_dlt-exception-cause-fqcn");
        String fqcn = text(record, "kafka_dlt-exception-fqcn");
        String attempts = text(record, "rebound_attempts");
        return new DeadLetterRecord(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                uuid(record.key()),
                operationType(record.value()),
                ErrorCode.parse(text(record, "rebound_error_code")),
                underlying != null ? underlying : cause != null ? cause : fqcn,
                text(record, "kafka_dlt-exception-message"),
                text(record, "rebound_reason"),
                text(record, "kafka_dlt-original-topic"),
                number(record, "kafka_dlt-original-partition") == null
                        ? null
                        : number(record, "kafka_dlt-original-partition").intValue(),
                number(record, "kafka_dlt-original-offset"),
                attempts == null ? null : Integer.valueOf(attempts),
                headers(record),
                record.value(),
                Instant.ofEpochMilli(record.timestamp()));
    }

    String describedReason() {
        return reason != null ? reason : exceptionMessage;
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
            return key == null ? null : UUID.fromString(key);
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
            "kafka_dlt-original-partition", "kafka_dlt-original-offset", "kafka_dlt-original-timestamp"
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
