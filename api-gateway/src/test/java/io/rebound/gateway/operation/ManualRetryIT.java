package io.rebound.gateway.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatusChanged;
import io.rebound.gateway.GatewayIT;
import io.rebound.testsupport.ApiClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class ManualRetryIT extends GatewayIT {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void retryingAFailedOperationCreatesALinkedNewOneAndPublishesIt(CapturedOutput output) throws Exception {
        ApiClient ada = ada();
        String failedId = failedQuestion(ada, newSession(ada));

        ApiClient.Response response = ada.post("/api/v1/operations/" + failedId + "/retry");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.contentType()).startsWith("application/json");
        String retryId = response.text("id");
        assertThat(retryId).isNotEqualTo(failedId);
        assertThat(response.header("Location")).isEqualTo("/api/v1/operations/" + retryId);
        assertThat(response.text("status")).isEqualTo("pending");
        assertThat(response.text("parent_operation_id")).isEqualTo(failedId);
        assertThat(response.json().get("retry_count").asInt()).isEqualTo(1);
        assertThat(response.text("operation_type")).isEqualTo("question_generation");
        assertThat(response.text("source")).isEqualTo("manual");

        OperationRequested published = requestOnTopic(retryId);
        assertThat(published.parentOperationId().toString()).isEqualTo(failedId);
        assertThat(published.retryCount()).isEqualTo(1);
        assertThat(published.source()).isEqualTo(OperationSource.MANUAL);
        assertThat(published.parameters()).containsEntry("role", "Backend engineer");

        assertThat(ada.get("/api/v1/operations/" + failedId).text("retried_by_operation_id"))
                .isEqualTo(retryId);
        assertThat(output.getOut())
                .contains("operation retry initiated original_operation_id=" + failedId + " new_operation_id=" + retryId
                        + " retry_count=1 operation_type=question_generation user=ada@example.com");
    }

    @Test
    void aSecondClickReturnsTheRetryAlreadyCreated() throws Exception {
        ApiClient ada = ada();
        String failedId = failedQuestion(ada, newSession(ada));
        String first = ada.post("/api/v1/operations/" + failedId + "/retry").text("id");

        ApiClient.Response second = ada.post("/api/v1/operations/" + failedId + "/retry");

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text("id")).isEqualTo(first);
    }

    @Test
    void tenParallelRetriesCreateExactlyOneChild() throws Exception {
        ApiClient ada = ada();
        String failedId = failedQuestion(ada, newSession(ada));
        List<Callable<ApiClient.Response>> clicks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clicks.add(() -> ada.post("/api/v1/operations/" + failedId + "/retry"));
        }

        List<ApiClient.Response> responses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            for (Future<ApiClient.Response> future : pool.invokeAll(clicks)) {
                responses.add(future.get());
            }
        } finally {
            pool.shutdown();
        }

        Set<String> ids = new HashSet<>();
        responses.forEach(r -> ids.add(r.text("id")));
        assertThat(ids).hasSize(1);
        assertThat(responses).extracting(ApiClient.Response::status).containsOnly(200, 201);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from operations where parent_operation_id = ?::uuid", Long.class, failedId))
                .isEqualTo(1L);
    }

    @Test
    void aFailedRetryCanBeRetriedAgainUpToTheChainLimit() throws Exception {
        ApiClient ada = ada();
        String failedId = failedQuestion(ada, newSession(ada));
        String retry1 = ada.post("/api/v1/operations/" + failedId + "/retry").text("id");
        deadLetter(retry1, "AI_TIMEOUT");
        awaitStatus(ada, retry1, "failed");

        ApiClient.Response retry2 = ada.post("/api/v1/operations/" + retry1 + "/retry");
        assertThat(retry2.status()).isEqualTo(201);
        assertThat(retry2.json().get("retry_count").asInt()).isEqualTo(2);

        String last = retry2.text("id");
        deadLetter(last, "AI_TIMEOUT");
        awaitStatus(ada, last, "failed");
        jdbc.update("update operations set retry_count = 10 where id = ?::uuid", last);
        ApiClient.Response refused = ada.post("/api/v1/operations/" + last + "/retry");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("RETRY_LIMIT_REACHED");
    }

    @Test
    void onlyFailedOperationsCanBeRetried() {
        ApiClient ada = ada();
        String pendingId =
                ada.post("/api/v1/sessions/" + newSession(ada) + "/questions").text("id");

        ApiClient.Response response = ada.post("/api/v1/operations/" + pendingId + "/retry");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo("OPERATION_NOT_RETRYABLE");
        assertThat(response.text("detail")).contains("is pending");
        assertThat(response.json().get("type").asString())
                .isEqualTo("https://rebound.io/problems/operation-not-retryable");
    }

    @Test
    void someoneElsesUnknownOrMalformedOperationIsNotRetried() throws Exception {
        ApiClient ada = ada();
        String failedId = failedQuestion(ada, newSession(ada));

        assertThat(bob().post("/api/v1/operations/" + failedId + "/retry").status())
                .isEqualTo(404);
        assertThat(ada.post("/api/v1/operations/6b1f9c3e-0000-4000-8000-000000000000/retry")
                        .status())
                .isEqualTo(404);
        ApiClient.Response malformed = ada.post("/api/v1/operations/1%20or%201=1/retry");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(jdbc.queryForObject(
                        "select count(*) from operations where parent_operation_id = ?::uuid", Long.class, failedId))
                .isZero();
    }

    @Test
    void historyShowsTheWholeChainOldestFirstWithAttempts() throws Exception {
        ApiClient ada = ada();
        String sessionId = newSession(ada);
        String firstId =
                ada.post("/api/v1/sessions/" + sessionId + "/questions").text("id");
        OperationRequested first = requestOnTopic(firstId);
        for (int attempt = 1; attempt <= 4; attempt++) {
            status(OperationStatusChanged.processing(first, attempt, 4));
            status(OperationStatusChanged.attemptFailed(
                    first,
                    attempt,
                    4,
                    attempt < 4 ? Instant.now().plusSeconds(attempt) : null,
                    "InternalServerException",
                    503,
                    "503: overloaded"));
        }
        deadLetter(firstId, "AI_UNAVAILABLE");
        awaitStatus(ada, firstId, "failed");
        String retryId = ada.post("/api/v1/operations/" + firstId + "/retry").text("id");
        status(OperationStatusChanged.completed(requestOnTopic(retryId), 1, 4, "What is a B-tree?"));
        awaitStatus(ada, retryId, "completed");

        JsonNode chain =
                ada.get("/api/v1/operations/" + retryId + "/history").json().get("operations");

        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).get("operation").get("id").asString()).isEqualTo(firstId);
        assertThat(chain.get(0).get("operation").get("retried_by_operation_id").asString())
                .isEqualTo(retryId);
        assertThat(chain.get(0).get("attempts")).hasSize(4);
        assertThat(chain.get(0).get("attempts").get(3).get("http_status").asInt())
                .isEqualTo(503);
        assertThat(chain.get(0).get("attempts").get(0).get("outcome").asString())
                .isEqualTo("failed");
        assertThat(chain.get(1).get("operation").get("status").asString()).isEqualTo("completed");
        assertThat(chain.get(1).get("attempts").get(0).get("outcome").asString())
                .isEqualTo("succeeded");
        assertThat(ada.get("/api/v1/operations/" + firstId + "/history").json().get("operations"))
                .hasSize(2);
    }
}
