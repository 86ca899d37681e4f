package io.rebound.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.common.kafka.EventSerializer;
import io.rebound.common.kafka.OperationStatusChangedDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The status schema grew an {@code event} field ("attempt_failed" said outright instead of processing plus an error
 * class) without a new version: readers written before it keep reading what the worker writes now, and today's readers
 * keep reading what the first workers wrote.
 */
class StatusEventCompatibilityTest {

    /** The status event as the first readers knew it: the same fields, without {@code event}. */
    record FirstStatusChanged(
            int schemaVersion,
            UUID eventId,
            OperationRequested request,
            OperationStatus status,
            int attempt,
            int maxAttempts,
            Instant nextRetryAt,
            String errorClass,
            Integer httpStatus,
            String errorMessage,
            String result,
            Instant occurredAt) {}

    private final EventSerializer serializer = new EventSerializer();
    private final OperationStatusChangedDeserializer deserializer = new OperationStatusChangedDeserializer();

    @Test
    void theWorkerSaysOutrightThatAnAttemptFailed() {
        OperationStatusChanged failed = attemptFailed();

        assertThat(json(failed).get("event").asString()).isEqualTo("attempt_failed");
        assertThat(json(started()).get("event").asString()).isEqualTo("attempt_started");
        assertThat(json(OperationStatusChanged.completed(EventContractTest.request(), 1, 4, "Fine."))
                        .get("event")
                        .asString())
                .isEqualTo("completed");
    }

    @Test
    void aReaderOfTheFirstShapeReadsTodaysEventsAsBefore() {
        OperationStatusChanged failed = attemptFailed();

        FirstStatusChanged read =
                EventJson.read(serializer.serialize(Topics.OPERATIONS_STATUS, failed), FirstStatusChanged.class);

        assertThat(read.status()).isEqualTo(OperationStatus.PROCESSING);
        assertThat(read.errorClass()).isEqualTo("InternalServerException");
        assertThat(read.nextRetryAt()).isEqualTo(failed.nextRetryAt());
        assertThat(read.attempt()).isEqualTo(2);
        assertThat(read.request()).isEqualTo(failed.request());
    }

    @Test
    void todaysReaderReadsWhatHappenedFromTheEventsOfTheFirstWorkers() {
        assertThat(readWithout("event", attemptFailed()).event()).isEqualTo(StatusEvent.ATTEMPT_FAILED);
        assertThat(readWithout("event", started()).event()).isEqualTo(StatusEvent.ATTEMPT_STARTED);
        assertThat(readWithout("event", OperationStatusChanged.completed(EventContractTest.request(), 1, 4, "Fine."))
                        .event())
                .isEqualTo(StatusEvent.COMPLETED);
    }

    @Test
    void anEventNameFromANewerWorkerIsReadFromItsStatus() {
        ObjectNode node = json(attemptFailed());
        node.put("event", "attempt_paused");

        OperationStatusChanged read = deserializer.deserialize(
                Topics.OPERATIONS_STATUS, node.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(read.event()).isEqualTo(StatusEvent.ATTEMPT_FAILED);
    }

    private static OperationStatusChanged started() {
        return OperationStatusChanged.processing(EventContractTest.request(), 1, 4);
    }

    private static OperationStatusChanged attemptFailed() {
        return OperationStatusChanged.attemptFailed(
                EventContractTest.request(),
                2,
                4,
                Instant.parse("2026-11-29T10:15:32Z"),
                "InternalServerException",
                503,
                "overloaded");
    }

    private ObjectNode json(OperationStatusChanged event) {
        return (ObjectNode) EventJson.mapper().readTree(serializer.serialize(Topics.OPERATIONS_STATUS, event));
    }

    private OperationStatusChanged readWithout(String field, OperationStatusChanged event) {
        ObjectNode node = json(event);
        node.remove(field);
        return deserializer.deserialize(
                Topics.OPERATIONS_STATUS, node.toString().getBytes(StandardCharsets.UTF_8));
    }
}
