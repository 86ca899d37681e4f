package io.rebound.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rebound.common.kafka.EventSerializer;
import io.rebound.common.kafka.OperationRequestedDeserializer;
import io.rebound.common.kafka.OperationStatusChangedDeserializer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventContractTest {

    private final EventSerializer serializer = new EventSerializer();
    private final OperationRequestedDeserializer requestedDeserializer = new OperationRequestedDeserializer();

    static OperationRequested request() {
        return new OperationRequested(
                1,
                UUID.randomUUID(),
                OperationType.FEEDBACK_ANALYSIS,
                Map.of("role", "Backend engineer", "question", "What is a deadlock?", "answer", "Two locks..."),
                UUID.randomUUID(),
                UUID.randomUUID(),
                null,
                0,
                "ada@example.com",
                OperationSource.API,
                Instant.parse("2026-11-29T10:15:30.123Z"));
    }

    @Test
    void operationRequestedRoundTripsAsSnakeCaseJson() {
        OperationRequested event = request();
        byte[] json = serializer.serialize(Topics.OPERATIONS_REQUESTED, event);

        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text)
                .contains("\"operation_type\":\"feedback_analysis\"")
                .contains("\"source\":\"api\"")
                .contains("\"requested_at\":\"2026-11-29T10:15:30.123Z\"");
        assertThat(requestedDeserializer.deserialize(Topics.OPERATIONS_REQUESTED, json))
                .isEqualTo(event);
    }

    @Test
    void serializedEventsHaveExactlyThePropertiesTheirSchemaDeclares() throws Exception {
        OperationStatusChanged status = OperationStatusChanged.attemptFailed(
                request(), 2, 4, Instant.now(), "InternalServerException", 503, "overloaded");

        assertThat(propertiesOf(EventJson.mapper().readTree(EventJson.write(request()))))
                .isEqualTo(schemaProperties("operation-requested.v1.schema.json"));
        assertThat(propertiesOf(EventJson.mapper().readTree(EventJson.write(status))))
                .isEqualTo(schemaProperties("operation-status-changed.v1.schema.json"));
        assertThat(propertiesOf(EventJson.mapper().readTree(EventJson.write(circuitOpened()))))
                .isEqualTo(schemaProperties("worker-circuit-changed.v1.schema.json"));
    }

    @Test
    void workerCircuitEventRoundTripsWithItsWireNames() {
        WorkerCircuitChanged event = circuitOpened();
        byte[] json = serializer.serialize(Topics.WORKER_EVENTS, event);

        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"event\":\"circuit_opened\"")
                .contains("\"worker_id\":\"ai-worker-7d4f\"")
                .contains("\"failure_ratio\":0.8")
                .contains("\"occurred_at\":\"2026-11-29T10:15:30.123Z\"")
                .contains("\"next_probe_at\":\"2026-11-29T10:15:35.123Z\"");
        assertThat(EventJson.read(json, WorkerCircuitChanged.class)).isEqualTo(event);
        assertThat(WorkerCircuitChanged.Event.fromWireName("circuit_half_open"))
                .isEqualTo(WorkerCircuitChanged.Event.CIRCUIT_HALF_OPEN);
    }

    @Test
    void readsWorkerCircuitEventsOfOlderWorkersWithoutNextProbeTime() {
        String json =
                EventJson.writeString(circuitOpened()).replace(",\"next_probe_at\":\"2026-11-29T10:15:35.123Z\"", "");

        assertThat(json).doesNotContain("next_probe_at");
        assertThat(EventJson.read(json.getBytes(StandardCharsets.UTF_8), WorkerCircuitChanged.class)
                        .nextProbeAt())
                .isNull();
    }

    @Test
    void statusEventRoundTripsWithItsRequest() {
        OperationStatusChanged event = OperationStatusChanged.completed(request(), 1, 4, "Good answer.");
        byte[] json = serializer.serialize(Topics.OPERATIONS_STATUS, event);

        OperationStatusChanged read =
                new OperationStatusChangedDeserializer().deserialize(Topics.OPERATIONS_STATUS, json);

        assertThat(read).isEqualTo(event);
        assertThat(read.operationId()).isEqualTo(event.request().operationId());
    }

    @Test
    void rejectsRecordsThatAreNotJsonWithAReadableReason() {
        assertThatThrownBy(() -> requestedDeserializer.deserialize("t", "hello <xml/>".getBytes()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not a valid OperationRequested")
                .hasMessageContaining("hello <xml/>");
        assertThatThrownBy(() -> requestedDeserializer.deserialize("t", new byte[0]))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("empty record value");
    }

    @Test
    void rejectsUnknownOperationTypes() {
        String json = EventJson.writeString(request()).replace("feedback_analysis", "poem_writing");

        assertThatThrownBy(() -> requestedDeserializer.deserialize("t", json.getBytes()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("unknown operation_type 'poem_writing'");
    }

    @Test
    void rejectsMissingFieldsAndParametersNamingEachOne() {
        String json = "{\"schema_version\":1,\"operation_type\":\"feedback_analysis\",\"parameters\":{\"role\":\"x\"},"
                + "\"retry_count\":0}";

        assertThatThrownBy(() -> requestedDeserializer.deserialize("t", json.getBytes()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("operation_id is missing")
                .hasMessageContaining("parameters.question is missing")
                .hasMessageContaining("parameters.answer is missing");
    }

    @Test
    void rejectsUnsupportedSchemaVersions() {
        String json = EventJson.writeString(request()).replace("\"schema_version\":1", "\"schema_version\":2");

        assertThatThrownBy(() -> requestedDeserializer.deserialize("t", json.getBytes()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("unsupported schema_version 2");
    }

    @Test
    void aTimedOutAttemptNamesTheConfiguredAiTimeout() {
        assertThat(ErrorCode.AI_TIMEOUT.attemptMessage(null, Duration.ofSeconds(45)))
                .isEqualTo("The AI service timed out after 45 s");
        assertThat(ErrorCode.AI_TIMEOUT.attemptMessage(null, Duration.ofMillis(1500)))
                .isEqualTo("The AI service timed out after 1500 ms");
        assertThat(ErrorCode.AI_TIMEOUT.attemptMessage(408, Duration.ofSeconds(45)))
                .isEqualTo("The AI service did not answer in time (HTTP 408)");
        assertThat(ErrorCode.AI_UNAVAILABLE.attemptMessage(503, Duration.ofSeconds(45)))
                .isEqualTo("The AI service was unavailable (HTTP 503)");
    }

    @Test
    void everyErrorCodeTellsThePersonWhatToDo() {
        for (ErrorCode code : ErrorCode.values()) {
            for (OperationType type : OperationType.values()) {
                assertThat(code.userMessage(type, 4).split("\\. What to do: ")).hasSize(2);
            }
        }
        assertThat(ErrorCode.parse("SOMETHING_NEW")).isEqualTo(ErrorCode.INTERNAL_ERROR);
    }

    @Test
    void theRequestSchemaKnowsEveryOperationTypeWithTheParametersItRequires() throws Exception {
        JsonNode schema;
        try (InputStream in = EventJson.class.getResourceAsStream("/schemas/operation-requested.v1.schema.json")) {
            schema = EventJson.mapper().readTree(in);
        }
        Map<String, List<String>> required = new HashMap<>();
        for (JsonNode rule : schema.get("allOf")) {
            required.put(
                    rule.at("/if/properties/operation_type/const").asString(),
                    rule.at("/then/properties/parameters/required")
                            .valueStream()
                            .map(JsonNode::asString)
                            .toList());
        }
        List<String> wireNames = schema.at("/properties/operation_type/enum")
                .valueStream()
                .map(JsonNode::asString)
                .toList();

        assertThat(wireNames)
                .containsExactlyInAnyOrder(Arrays.stream(OperationType.values())
                        .map(OperationType::wireName)
                        .toArray(String[]::new));
        for (OperationType type : OperationType.values()) {
            assertThat(required.get(type.wireName())).as(type.wireName()).isEqualTo(type.requiredParameters());
        }
    }

    @Test
    void aModelAnswerRequestNeedsTheRoleAndTheQuestion() {
        String json = "{\"schema_version\":1,\"operation_id\":\"" + UUID.randomUUID() + "\","
                + "\"operation_type\":\"model_answer\",\"parameters\":{\"role\":\"SRE\"},\"retry_count\":0,"
                + "\"requested_by\":\"billing\",\"source\":\"external\",\"requested_at\":\"2026-11-29T10:15:30Z\"}";

        assertThatThrownBy(() -> requestedDeserializer.deserialize(
                        Topics.OPERATIONS_REQUESTED, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("parameters.question is missing")
                .message()
                .doesNotContain("parameters.answer")
                .doesNotContain("parameters.role");
    }

    private static WorkerCircuitChanged circuitOpened() {
        return WorkerCircuitChanged.of(
                WorkerCircuitChanged.Event.CIRCUIT_OPENED,
                "ai-worker-7d4f",
                0.8,
                10,
                "failure ratio 0.80 >= 0.50 over the last 10 AI calls",
                Instant.parse("2026-11-29T10:15:30.123Z"),
                Instant.parse("2026-11-29T10:15:35.123Z"));
    }

    private static Set<String> propertiesOf(JsonNode node) {
        return new HashSet<>(node.propertyNames());
    }

    private static Set<String> schemaProperties(String file) throws Exception {
        try (InputStream in = EventJson.class.getResourceAsStream("/schemas/" + file)) {
            return propertiesOf(EventJson.mapper().readTree(in).get("properties"));
        }
    }
}
