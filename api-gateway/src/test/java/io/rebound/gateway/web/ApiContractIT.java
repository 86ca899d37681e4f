package io.rebound.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rebound.common.OperationRequested;
import io.rebound.common.OperationStatusChanged;
import io.rebound.gateway.GatewayIT;
import io.rebound.testsupport.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Real answers of the gateway, over the real broker and database, have exactly the shape {@code docs/openapi.json}
 * (the document the SPA's types are generated from) gives their path, method, status and media type: every required
 * property present and null only where the document allows it.
 */
class ApiContractIT extends GatewayIT {

    private static final ApiDocument DOCUMENT = ApiDocument.committed();

    private ApiClient sre() {
        return ApiClient.as(baseUrl(), "sre@example.com", PASSWORD);
    }

    @Test
    void sessionsQuestionsAndAnswersAnswerAsDocumented() throws Exception {
        ApiClient ada = ada();
        JsonNode session = conforms(
                ada.post("/api/v1/sessions", "{\"role\":\"Platform engineer\"}"), "post", "/api/v1/sessions", 201);
        String sessionId = session.get("id").asString();
        conforms(ada.get("/api/v1/sessions"), "get", "/api/v1/sessions", 200);

        JsonNode question = conforms(
                ada.post("/api/v1/sessions/" + sessionId + "/questions"),
                "post",
                "/api/v1/sessions/{id}/questions",
                202);
        String questionId = question.get("id").asString();
        conforms(ada.get("/api/v1/operations/" + questionId), "get", "/api/v1/operations/{id}", 200);
        status(OperationStatusChanged.completed(requestOnTopic(questionId), 1, 4, "What is back-pressure?"));
        awaitStatus(ada, questionId, "completed");

        JsonNode answered = conforms(
                ada.post("/api/v1/sessions/" + sessionId + "/answers", "{\"content\":\"Slowing the producer.\"}"),
                "post",
                "/api/v1/sessions/{id}/answers",
                202);
        assertThat(answered.get("operation").get("operation_type").asString()).isEqualTo("feedback_analysis");

        JsonNode detail = conforms(ada.get("/api/v1/sessions/" + sessionId), "get", "/api/v1/sessions/{id}", 200);
        assertThat(detail.get("messages")).hasSize(2);
        conforms(ada.get("/api/v1/sessions/" + sessionId + "/messages"), "get", "/api/v1/sessions/{id}/messages", 200);
        conforms(ada.get("/api/v1/auth/me"), "get", "/api/v1/auth/me", 200);
    }

    @Test
    void aRetryAndTheHistoryOfItsChainAnswerAsDocumented() throws Exception {
        ApiClient ada = ada();
        String sessionId = newSession(ada);
        String firstId =
                ada.post("/api/v1/sessions/" + sessionId + "/questions").text("id");
        OperationRequested first = requestOnTopic(firstId);
        for (int attempt = 1; attempt <= 2; attempt++) {
            status(OperationStatusChanged.processing(first, attempt, 2));
            status(OperationStatusChanged.attemptFailed(
                    first,
                    attempt,
                    2,
                    attempt < 2 ? Instant.now().plusSeconds(1) : null,
                    "InternalServerException",
                    503,
                    "503: overloaded"));
        }
        deadLetter(firstId, "AI_UNAVAILABLE");
        JsonNode failed = awaitStatus(ada, firstId, "failed");
        assertThat(failed.get("error_message").asString()).isNotBlank();

        JsonNode retry = conforms(
                ada.post("/api/v1/operations/" + firstId + "/retry"), "post", "/api/v1/operations/{id}/retry", 201);
        String retryId = retry.get("id").asString();

        JsonNode history = conforms(
                ada.get("/api/v1/operations/" + retryId + "/history"), "get", "/api/v1/operations/{id}/history", 200);
        JsonNode chain = history.get("operations");
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).get("operation").get("id").asString()).isEqualTo(firstId);
        assertThat(chain.get(0).get("attempts").get(1).get("error_message").asString())
                .isEqualTo("503: overloaded");
        assertThat(chain.get(1).get("operation").get("id").asString()).isEqualTo(retryId);

        JsonNode secondClick = conforms(
                ada.post("/api/v1/operations/" + firstId + "/retry"), "post", "/api/v1/operations/{id}/retry", 200);
        assertThat(secondClick.get("id").asString()).isEqualTo(retryId);
        JsonNode notFailed = conforms(
                ada.post("/api/v1/operations/" + retryId + "/retry"), "post", "/api/v1/operations/{id}/retry", 409);
        assertThat(notFailed.get("code").asString()).isEqualTo("OPERATION_NOT_RETRYABLE");
    }

    @Test
    void problemsAnswerAsDocumented() {
        ApiClient ada = ada();
        JsonNode missing =
                conforms(ada.get("/api/v1/operations/" + UUID.randomUUID()), "get", "/api/v1/operations/{id}", 404);
        assertThat(missing.get("status").asInt()).isEqualTo(404);
        JsonNode invalid = conforms(ada.post("/api/v1/sessions", "{\"role\":\"\"}"), "post", "/api/v1/sessions", 400);
        assertThat(invalid.get("code").asString()).isNotBlank();
        conforms(ApiClient.anonymous(baseUrl()).get("/api/v1/sessions"), "get", "/api/v1/sessions", 401);
    }

    @Test
    void theDeadLetterAdministrationAnswersAsDocumented() throws Exception {
        Instant since = Instant.now().minus(1, ChronoUnit.SECONDS);
        failedQuestion(ada(), newSession(ada()));
        String query = "?error_code=AI_UNAVAILABLE&since=" + since;

        JsonNode page = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> sre().get("/api/v1/admin/dead-letters" + query).json(),
                        json -> !json.get("items").isEmpty());
        conforms(sre().get("/api/v1/admin/dead-letters" + query), "get", "/api/v1/admin/dead-letters", 200);
        long id = page.get("items").get(0).get("id").asLong();
        conforms(sre().get("/api/v1/admin/dead-letters/" + id), "get", "/api/v1/admin/dead-letters/{id}", 200);
        conforms(
                sre().get("/api/v1/admin/dead-letters/summary?state=all"),
                "get",
                "/api/v1/admin/dead-letters/summary",
                200);

        JsonNode plan = conforms(
                sre().post(
                                "/api/v1/admin/dead-letters/redrive",
                                "{\"filter\":{\"error_code\":\"AI_UNAVAILABLE\",\"since\":\"" + since
                                        + "\"},\"dry_run\":true}"),
                "post",
                "/api/v1/admin/dead-letters/redrive",
                200);
        conforms(
                sre().get("/api/v1/admin/dead-letters/actions/"
                        + plan.get("audit_id").asLong()),
                "get",
                "/api/v1/admin/dead-letters/actions/{auditId}",
                200);
        conforms(
                sre().post(
                                "/api/v1/admin/dead-letters/discard",
                                "{\"ids\":[" + id + "],\"reason\":\"contract check\"}"),
                "post",
                "/api/v1/admin/dead-letters/discard",
                200);
        conforms(ada().get("/api/v1/admin/dead-letters"), "get", "/api/v1/admin/dead-letters", 403);
    }

    /** Asserts the response has the status and a body the document gives that operation, and returns the body. */
    private static JsonNode conforms(ApiClient.Response response, String method, String path, int status) {
        assertThat(response.status()).as("%s %s: %s", method, path, response).isEqualTo(status);
        return DOCUMENT.assertConforms(method, path, response).json();
    }
}
