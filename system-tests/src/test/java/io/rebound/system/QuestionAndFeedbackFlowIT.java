package io.rebound.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.common.EventJson;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatus;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.OperationType;
import io.rebound.common.Topics;
import io.rebound.common.kafka.EventSerializer;
import io.rebound.testsupport.ApiClient;
import io.rebound.testsupport.SharedInfrastructure;
import io.rebound.testsupport.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The happy path through outbox, Kafka, the worker process, the AI simulator and the status topic. */
class QuestionAndFeedbackFlowIT extends SystemIT {

    @Test
    void aQuestionIsGeneratedForTheSessionsRoleAndStoredInTheSession() {
        ApiClient ada = ada();
        String role = "Data scientist " + uniqueRole();
        String sessionId = newSession(ada, role);

        String operationId =
                ada.post("/api/v1/sessions/" + sessionId + "/questions").text("id");
        JsonNode completed = awaitStatus(ada, operationId, "completed", Duration.ofSeconds(30));

        assertThat(completed.get("result").asString()).endsWith("?");
        assertThat(completed.get("attempt_count").asInt()).isEqualTo(1);
        JsonNode messages = ada.get("/api/v1/sessions/" + sessionId).json().get("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("content").asString())
                .isEqualTo(completed.get("result").asString());
        assertThat(statusSequence(operationId)).containsExactly(OperationStatus.PROCESSING, OperationStatus.COMPLETED);
    }

    @Test
    void feedbackOnAnAnswerCompletesAndRefersToTheAnswer() {
        ApiClient ada = ada();
        String sessionId = newSession(ada, uniqueRole());
        String questionId =
                ada.post("/api/v1/sessions/" + sessionId + "/questions").text("id");
        awaitStatus(ada, questionId, "completed", Duration.ofSeconds(30));

        JsonNode accepted = ada.post(
                        "/api/v1/sessions/" + sessionId + "/answers",
                        "{\"content\":\"I would put a bounded queue in front of the service and shed load.\"}")
                .json();
        String feedbackId = accepted.get("operation").get("id").asString();
        JsonNode completed = awaitStatus(ada, feedbackId, "completed", Duration.ofSeconds(30));

        assertThat(completed.get("operation_type").asString()).isEqualTo("feedback_analysis");
        assertThat(completed.get("result").asString()).isNotBlank();
        JsonNode messages = ada.get("/api/v1/sessions/" + sessionId).json().get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(2).get("kind").asString()).isEqualTo("feedback");
        assertThat(messages.get(2).get("reply_to_message_id").asString())
                .isEqualTo(accepted.get("message").get("id").asString());
    }

    @Test
    void aRequestAnotherServicePublishedOnKafkaIsProcessedAndVisibleToItsRequester() throws Exception {
        OperationRequested external = new OperationRequested(
                OperationRequested.SCHEMA_VERSION,
                UUID.randomUUID(),
                OperationType.QUESTION_GENERATION,
                Map.of("role", uniqueRole()),
                null,
                null,
                null,
                0,
                "ada@example.com",
                OperationSource.EXTERNAL,
                Instant.now());
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers()),
                new StringSerializer(),
                new EventSerializer())) {
            producer.send(new ProducerRecord<>(
                            Topics.OPERATIONS_REQUESTED, external.operationId().toString(), external))
                    .get();
        }

        JsonNode completed = awaitStatus(ada(), external.operationId().toString(), "completed", Duration.ofSeconds(30));

        assertThat(completed.get("source").asString()).isEqualTo("external");
        assertThat(completed.get("result").asString()).isNotBlank();
    }

    private static List<OperationStatus> statusSequence(String operationId) {
        return TopicReader.readUntil(
                        Topics.OPERATIONS_STATUS,
                        record -> operationId.equals(record.key())
                                && new String(record.value()).contains("\"status\":\"completed\""),
                        Duration.ofSeconds(20))
                .stream()
                .filter(record -> operationId.equals(record.key()))
                .map(record -> EventJson.read(record.value(), OperationStatusChanged.class)
                        .status())
                .toList();
    }
}
