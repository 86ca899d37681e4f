package io.rebound.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.simulator.Fault;
import io.rebound.testsupport.ApiClient;
import io.rebound.testsupport.SharedInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The third operation type end to end: a model answer to a session's question goes through the outbox, Kafka, the
 * worker and the AI simulator like the other two, retries, fails and is retried by the person the same way.
 */
class ModelAnswerFlowIT extends SystemIT {

    /** Only the worker's model-answer prompt says this, so a fault on it leaves questions alone. */
    private static final String MODEL_ANSWER_PROMPT = "Write a model answer to this interview question.";

    @AfterEach
    void clearFaults() {
        SharedInfrastructure.simulator().clearFaults();
    }

    @Test
    void aModelAnswerToAQuestionArrivesAsAReplyToItAndTheQuestionStaysOpenForTheUsersOwnAnswer() {
        ApiClient ada = ada();
        String role = "Site reliability engineer " + uniqueRole();
        String sessionId = newSession(ada, role);
        JsonNode question = askedQuestion(ada, sessionId);

        ApiClient.Response asked =
                askModelAnswer(ada, sessionId, question.get("id").asString());
        assertThat(asked.status()).isEqualTo(202);
        assertThat(asked.json().get("operation_type").asString()).isEqualTo("model_answer");
        assertThat(asked.json().get("message_id").asString())
                .isEqualTo(question.get("id").asString());
        JsonNode completed = awaitStatus(ada, asked.text("id"), "completed", Duration.ofSeconds(30));

        assertThat(completed.get("result").asString())
                .contains("\"" + question.get("content").asString().substring(0, 40))
                .contains("For example");
        JsonNode messages = ada.get("/api/v1/sessions/" + sessionId).json().get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).get("kind").asString()).isEqualTo("model_answer");
        assertThat(messages.get(1).get("content").asString())
                .isEqualTo(completed.get("result").asString());
        assertThat(messages.get(1).get("reply_to_message_id").asString())
                .isEqualTo(question.get("id").asString());
        assertThat(messages.get(1).get("operation_id").asString()).isEqualTo(asked.text("id"));
        ApiClient.Response answered =
                ada.post("/api/v1/sessions/" + sessionId + "/answers", "{\"content\":\"I would start from the SLO.\"}");
        assertThat(answered.status()).isEqualTo(202);
        assertThat(answered.json().get("message").get("reply_to_message_id").asString())
                .isEqualTo(question.get("id").asString());
    }

    @Test
    void aQuestionGetsOneModelAnswerAndAskingAgainNamesTheFirst() {
        ApiClient ada = ada();
        String sessionId = newSession(ada, uniqueRole());
        String questionId = askedQuestion(ada, sessionId).get("id").asString();
        String first = askModelAnswer(ada, sessionId, questionId).text("id");

        ApiClient.Response again = askModelAnswer(ada, sessionId, questionId);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.text("code")).isEqualTo("MODEL_ANSWER_EXISTS");
        assertThat(again.text("operation_id")).isEqualTo(first);
    }

    @Test
    void aFailedModelAnswerIsRetriedByThePersonAndArrivesOnce() {
        ApiClient ada = ada();
        String sessionId = newSession(ada, uniqueRole());
        String questionId = askedQuestion(ada, sessionId).get("id").asString();
        SharedInfrastructure.simulator().addFault(Fault.error(503).onlyWhenPromptContains(MODEL_ANSWER_PROMPT));
        String failedId = askModelAnswer(ada, sessionId, questionId).text("id");
        JsonNode failed = awaitStatus(ada, failedId, "failed", Duration.ofSeconds(40));
        assertThat(failed.get("error_code").asString()).isEqualTo("AI_UNAVAILABLE");
        assertThat(failed.get("next_action").asString()).isEqualTo("retry");

        SharedInfrastructure.simulator().clearFaults();
        ApiClient.Response retried = ada.post("/api/v1/operations/" + failedId + "/retry");
        assertThat(retried.status()).isEqualTo(201);
        JsonNode completed = awaitStatus(ada, retried.text("id"), "completed", Duration.ofSeconds(30));

        assertThat(completed.get("operation_type").asString()).isEqualTo("model_answer");
        assertThat(completed.get("parent_operation_id").asString()).isEqualTo(failedId);
        assertThat(completed.get("message_id").asString()).isEqualTo(questionId);
        JsonNode messages = ada.get("/api/v1/sessions/" + sessionId).json().get("messages");
        assertThat(messages).extracting(m -> m.get("kind").asString()).containsExactly("question", "model_answer");
    }

    @Test
    void onlyAQuestionOfTheSessionCanHaveAModelAnswer() {
        ApiClient ada = ada();
        String sessionId = newSession(ada, uniqueRole());
        askedQuestion(ada, sessionId);
        String answerId = ada.post("/api/v1/sessions/" + sessionId + "/answers", "{\"content\":\"Queues.\"}")
                .json()
                .get("message")
                .get("id")
                .asString();

        ApiClient.Response onAnAnswer = askModelAnswer(ada, sessionId, answerId);

        assertThat(onAnAnswer.status()).isEqualTo(404);
        assertThat(onAnAnswer.text("code")).isEqualTo("QUESTION_NOT_FOUND");
    }

    private static JsonNode askedQuestion(ApiClient client, String sessionId) {
        String operationId =
                client.post("/api/v1/sessions/" + sessionId + "/questions").text("id");
        awaitStatus(client, operationId, "completed", Duration.ofSeconds(30));
        return client.get("/api/v1/sessions/" + sessionId)
                .json()
                .get("messages")
                .get(0);
    }

    private static ApiClient.Response askModelAnswer(ApiClient client, String sessionId, String questionId) {
        return client.post(
                "/api/v1/sessions/" + sessionId + "/model-answers", "{\"question_id\":\"" + questionId + "\"}");
    }
}
