package io.rebound.gateway.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.OperationType;
import io.rebound.common.Topics;
import io.rebound.gateway.GatewayIT;
import io.rebound.testsupport.ApiClient;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import io.rebound.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The gateway's side of an operation's life, with this test playing the worker on the real topics. */
class OperationLifecycleIT extends GatewayIT {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aQuestionRequestIsAcceptedPublishedAndCompletedFromStatusEvents() throws Exception {
        ApiClient ada = ada();
        String sessionId = newSession(ada);

        ApiClient.Response accepted = ada.post("/api/v1/sessions/" + sessionId + "/questions");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.text("status")).isEqualTo("pending");
        assertThat(accepted.text("operation_type")).isEqualTo("question_generation");
        assertThat(accepted.text("session_id")).isEqualTo(sessionId);
        assertThat(accepted.json().get("parent_operation_id").isNull()).isTrue();
        assertThat(accepted.json().get("retry_count").asInt()).isZero();
        String operationId = accepted.text("id");
        assertThat(accepted.header("Location")).isEqualTo("/api/v1/operations/" + operationId);

        OperationRequested request = requestOnTopic(operationId);
        assertThat(request.operationType()).isEqualTo(OperationType.QUESTION_GENERATION);
        assertThat(request.parameters()).containsEntry("role", "Backend engineer");
        assertThat(request.requestedBy()).isEqualTo("ada@example.com");
        assertThat(request.source()).isEqualTo(OperationSource.API);

        status(OperationStatusChanged.processing(request, 1, 4));
        awaitStatus(ada, operationId, "processing");
        status(OperationStatusChanged.completed(request, 1, 4, "How does TCP slow start work?"));

        JsonNode done = awaitStatus(ada, operationId, "completed");
        assertThat(done.get("result").asString()).isEqualTo("How does TCP slow start work?");
        assertThat(done.get("attempt_count").asInt()).isEqualTo(1);
        JsonNode session = ada.get("/api/v1/sessions/" + sessionId).json();
        assertThat(session.get("messages")).hasSize(1);
        assertThat(session.get("messages").get(0).get("kind").asString()).isEqualTo("question");
        assertThat(session.get("messages").get(0).get("content").asString()).isEqualTo("How does TCP slow start work?");
        assertThat(session.get("messages").get(0).get("operation_id").asString())
                .isEqualTo(operationId);
    }

    @Test
    void duplicateAndOutOfOrderStatusEventsLeaveTheOperationCorrect() throws Exception {
        ApiClient ada = ada();
        String sessionId = newSession(ada);
        String operationId =
                ada.post("/api/v1/sessions/" + sessionId + "/questions").text("id");
        OperationRequested request = requestOnTopic(operationId);

        OperationStatusChanged completed = OperationStatusChanged.completed(request, 2, 4, "Explain sharding.");
        status(OperationStatusChanged.processing(request, 2, 4));
        status(completed);
        status(completed);
        status(OperationStatusChanged.processing(request, 1, 4));
        status(OperationStatusChanged.attemptFailed(request, 1, 4, Instant.now(), "X", 503, "late"));
        awaitStatus(ada, operationId, "completed");
        // A marker event on the same partition: once it is applied, every event before it was too.
        status(OperationStatusChanged.completed(request, 2, 4, "Explain sharding."));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode operation = ada.get("/api/v1/operations/" + operationId).json();
            assertThat(operation.get("status").asString()).isEqualTo("completed");
            assertThat(operation.get("attempt_count").asInt()).isEqualTo(2);
            assertThat(operation.get("result").asString()).isEqualTo("Explain sharding.");
        });
        assertThat(ada.get("/api/v1/sessions/" + sessionId).json().get("messages"))
                .hasSize(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from session_messages where operation_id = ?::uuid", Long.class, operationId))
                .isEqualTo(1L);
    }

    @Test
    void anAnswerIsStoredAndItsFeedbackCompletesWithTheSession() throws Exception {
        ApiClient ada = ada();
        String sessionId = newSession(ada);
        String questionOp =
                ada.post("/api/v1/sessions/" + sessionId + "/questions").text("id");
        OperationRequested questionRequest = requestOnTopic(questionOp);
        status(OperationStatusChanged.completed(questionRequest, 1, 4, "What is a deadlock?"));
        awaitStatus(ada, questionOp, "completed");

        ApiClient.Response answered = ada.post(
                "/api/v1/sessions/" + sessionId + "/answers", "{\"content\":\"Two threads wait on each other.\"}");

        assertThat(answered.status()).isEqualTo(202);
        JsonNode message = answered.json().get("message");
        JsonNode operation = answered.json().get("operation");
        assertThat(message.get("kind").asString()).isEqualTo("answer");
        assertThat(operation.get("operation_type").asString()).isEqualTo("feedback_analysis");
        assertThat(operation.get("message_id").asString())
                .isEqualTo(message.get("id").asString());
        OperationRequested feedbackRequest = requestOnTopic(operation.get("id").asString());
        assertThat(feedbackRequest.parameters())
                .containsEntry("question", "What is a deadlock?")
                .containsEntry("answer", "Two threads wait on each other.");

        status(OperationStatusChanged.completed(feedbackRequest, 1, 4, "Good start; mention lock ordering."));

        awaitStatus(ada, operation.get("id").asString(), "completed");
        JsonNode messages = ada.get("/api/v1/sessions/" + sessionId).json().get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(2).get("kind").asString()).isEqualTo("feedback");
        assertThat(messages.get(2).get("reply_to_message_id").asString())
                .isEqualTo(message.get("id").asString());
    }

    @Test
    void aStatusEventThatCannotBeReadIsDeadLetteredAndDoesNotBlockThoseBehindIt() throws Exception {
        ApiClient ada = ada();
        String operationId =
                ada.post("/api/v1/sessions/" + newSession(ada) + "/questions").text("id");
        OperationRequested request = requestOnTopic(operationId);

        kafka.send(Topics.OPERATIONS_STATUS, operationId, "{\"status\":\"exploded\"".getBytes())
                .get();
        status(OperationStatusChanged.completed(request, 1, 4, "What is a heap?"));

        awaitStatus(ada, operationId, "completed");
        ConsumerRecord<String, byte[]> deadLetter = TopicReader.await(
                Topics.OPERATIONS_STATUS + "-dlt", r -> operationId.equals(r.key()), Duration.ofSeconds(20));
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"exploded\"");
        assertThat(new String(deadLetter.headers().lastHeader("rebound_reason").value(), StandardCharsets.UTF_8))
                .contains("not a valid OperationStatusChanged")
                .contains("unknown status 'exploded'");
    }

    @Test
    void anAnswerBeforeAnyQuestionIsAClearConflict() {
        ApiClient ada = ada();
        String sessionId = newSession(ada);

        ApiClient.Response response = ada.post("/api/v1/sessions/" + sessionId + "/answers", "{\"content\":\"hello\"}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo("NO_QUESTION_TO_ANSWER");
    }

    @Test
    void aDeadLetterFailsTheOperationWithAnActionableMessage() throws Exception {
        ApiClient ada = ada();
        String operationId =
                ada.post("/api/v1/sessions/" + newSession(ada) + "/questions").text("id");
        deadLetter(operationId, "AI_UNAVAILABLE");

        JsonNode failed = awaitStatus(ada, operationId, "failed");

        assertThat(failed.get("error_code").asString()).isEqualTo("AI_UNAVAILABLE");
        assertThat(failed.get("error_message").asString())
                .startsWith("The AI service kept failing after 4 attempts. What to do: ");
        assertThat(failed.toString())
                .as("the dead letter's reason is for the dead-letter console, not for the person")
                .doesNotContain("InternalServerException");
        assertThat(failed.get("finished_at").isNull()).isFalse();
        String metrics = ApiClient.as(baseUrl(), "prometheus", SharedInfrastructureInitializer.METRICS_PASSWORD)
                .get("/actuator/prometheus")
                .body();
        assertThat(metrics)
                .containsPattern("rebound_operations_finished_total\\{[^}]*error_code=\"AI_UNAVAILABLE\"[^}]*"
                        + "operation_type=\"question_generation\"[^}]*status=\"failed\"");
    }

    @Test
    void theWatchdogFailsAnOperationNobodyFinishedWithTimedOut() {
        ApiClient ada = ada();
        String operationId =
                ada.post("/api/v1/sessions/" + newSession(ada) + "/questions").text("id");

        jdbc.update("update operations set deadline_at = now() - interval '1 second' where id = ?::uuid", operationId);

        JsonNode failed = awaitStatus(ada, operationId, "failed");
        assertThat(failed.get("error_code").asString()).isEqualTo("TIMED_OUT");
        assertThat(failed.get("error_message").asString()).contains("What to do: press Retry");
    }

    @Test
    void anOperationAnotherServiceRequestedOnKafkaIsRegisteredFromItsStatus() throws Exception {
        OperationRequested external = new OperationRequested(
                1,
                UUID.randomUUID(),
                OperationType.QUESTION_GENERATION,
                Map.of("role", "Data scientist"),
                null,
                null,
                null,
                0,
                "ada@example.com",
                OperationSource.EXTERNAL,
                Instant.now());

        status(OperationStatusChanged.completed(external, 1, 4, "What is overfitting?"));

        JsonNode registered = awaitStatus(ada(), external.operationId().toString(), "completed");
        assertThat(registered.get("source").asString()).isEqualTo("external");
        assertThat(registered.get("result").asString()).isEqualTo("What is overfitting?");
    }
}
