package io.rebound.gateway.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.common.ErrorCode;
import io.rebound.common.EventJson;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationType;
import io.rebound.common.Topics;
import io.rebound.common.kafka.DeadLetterHeaderNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

/** What the SRE console and the operation's failure are read from: one dead-letter record, headers and payload. */
class DeadLetterRecordTest {

    private final OperationRequested request = new OperationRequested(
            1,
            UUID.randomUUID(),
            OperationType.FEEDBACK_ANALYSIS,
            Map.of("role", "Backend engineer", "question", "Why?", "answer", "Because."),
            UUID.randomUUID(),
            UUID.randomUUID(),
            null,
            0,
            "ada@example.com",
            OperationSource.API,
            Instant.now());

    @Test
    void readsTheWorkersHeadersAndShowsSpringKafkasBinaryOnesAsNumbers() {
        ConsumerRecord<String, byte[]> record =
                letter(EventJson.write(request), request.operationId().toString());
        text(record, DeadLetterHeaderNames.ERROR_CODE, "AI_UNAVAILABLE");
        text(record, DeadLetterHeaderNames.REASON, "InternalServerException: 503");
        text(record, DeadLetterHeaderNames.ATTEMPTS, "4");
        text(record, DeadLetterHeaderNames.EXCEPTION_CLASS, "com.openai.errors.InternalServerException");
        text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC, Topics.OPERATIONS_REQUESTED);
        binary(
                record,
                KafkaHeaders.DLT_ORIGINAL_PARTITION,
                ByteBuffer.allocate(4).putInt(7).array());
        binary(
                record,
                KafkaHeaders.DLT_ORIGINAL_OFFSET,
                ByteBuffer.allocate(8).putLong(4_242L).array());
        binary(
                record,
                KafkaHeaders.DELIVERY_ATTEMPT,
                ByteBuffer.allocate(4).putInt(4).array());

        DeadLetterRecord letter = DeadLetterRecord.of(record);

        assertThat(letter.operationId()).isEqualTo(request.operationId());
        assertThat(letter.operationType()).isEqualTo("feedback_analysis");
        assertThat(letter.errorCode()).isEqualTo(ErrorCode.AI_UNAVAILABLE);
        assertThat(letter.attempts()).isEqualTo(4);
        assertThat(letter.exceptionClass()).isEqualTo("com.openai.errors.InternalServerException");
        assertThat(letter.describedReason()).isEqualTo("InternalServerException: 503");
        assertThat(letter.originalTopic()).isEqualTo(Topics.OPERATIONS_REQUESTED);
        assertThat(letter.originalPartition()).isEqualTo(7);
        assertThat(letter.originalOffset()).isEqualTo(4_242L);
        assertThat(letter.headers())
                .containsEntry(KafkaHeaders.DLT_ORIGINAL_PARTITION, "7")
                .containsEntry(KafkaHeaders.DLT_ORIGINAL_OFFSET, "4242")
                .containsEntry(KafkaHeaders.DELIVERY_ATTEMPT, "4")
                .containsEntry(DeadLetterHeaderNames.ERROR_CODE, "AI_UNAVAILABLE");
    }

    @Test
    void theOperationIsThePayloadsNeverTheKey() {
        UUID someoneElses = UUID.randomUUID();
        DeadLetterRecord letter = DeadLetterRecord.of(letter(EventJson.write(request), someoneElses.toString()));
        assertThat(letter.operationId()).isEqualTo(request.operationId());

        DeadLetterRecord notARequest =
                DeadLetterRecord.of(letter("not json".getBytes(StandardCharsets.UTF_8), someoneElses.toString()));
        assertThat(notARequest.operationId()).isNull();
    }

    @Test
    void anExcerptIsTheOperationItsWorkerNamedWhenItCarriesTheSize() {
        byte[] whole = EventJson.write(request);
        ConsumerRecord<String, byte[]> record = letter(Arrays.copyOf(whole, 20), "any key");
        text(record, DeadLetterHeaderNames.ORIGINAL_SIZE, Integer.toString(whole.length));
        text(record, DeadLetterHeaderNames.OPERATION_ID, request.operationId().toString());

        assertThat(DeadLetterRecord.of(record).operationId()).isEqualTo(request.operationId());
    }

    @Test
    void anUnknownErrorCodeOrNonsenseAttemptsAreNotTakenAtFaceValue() {
        ConsumerRecord<String, byte[]> record = letter(EventJson.write(request), "k");
        text(record, DeadLetterHeaderNames.ERROR_CODE, "NOT_A_CODE");
        text(record, DeadLetterHeaderNames.ATTEMPTS, "-1; drop table");

        DeadLetterRecord letter = DeadLetterRecord.of(record);

        assertThat(letter.errorCode()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(letter.attempts()).isNull();
    }

    private static ConsumerRecord<String, byte[]> letter(byte[] value, String key) {
        return new ConsumerRecord<>(Topics.OPERATIONS_REQUESTED_DLT, 7, 99L, key, value);
    }

    private static void text(ConsumerRecord<String, byte[]> record, String name, String value) {
        binary(record, name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void binary(ConsumerRecord<String, byte[]> record, String name, byte[] value) {
        record.headers().add(name, value);
    }
}
