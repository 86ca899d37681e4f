package io.rebound.gateway.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.rebound.common.OperationRequested;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.Topics;
import io.rebound.common.WorkerCircuitChanged;
import io.rebound.gateway.GatewayIT;
import io.rebound.testsupport.ApiClient;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** This test plays a worker whose circuit breaker opens and closes, on the real worker.events topic. */
class AiAvailabilityIT extends GatewayIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String workerId = "ai-worker-" + UUID.randomUUID();

    @Test
    void operationsSayTheyWaitForTheAiWhileABreakerIsOpenAndMoveOnLiveWhenItCloses() throws Exception {
        ApiClient ada = ada();
        String sessionId = newSession(ada);
        List<JsonNode> pushed = subscribe(ada, sessionId);
        String queuedId =
                ada.post("/api/v1/sessions/" + sessionId + "/questions").text("id");
        String retryingId =
                ada.post("/api/v1/sessions/" + sessionId + "/questions").text("id");
        OperationRequested retrying = requestOnTopic(retryingId);
        status(OperationStatusChanged.processing(retrying, 1, 4));
        status(OperationStatusChanged.attemptFailed(
                retrying, 1, 4, Instant.now().plusSeconds(1), "InternalServerException", 503, "unavailable"));
        awaitView(
                ada,
                retryingId,
                view -> assertThat(view.get("next_retry_at").isNull()).isFalse());
        try {
            // A worker announces an open breaker at every failed probe; this gateway reads from the latest.
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        breaker(WorkerCircuitChanged.Event.CIRCUIT_OPENED);
                        assertThat(view(ada, queuedId).get("waiting_reason").asString())
                                .isEqualTo("ai_unavailable");
                    });

            JsonNode queued = view(ada, queuedId);
            assertThat(queued.get("status").asString()).isEqualTo("pending");
            assertThat(Instant.parse(queued.get("waiting_since").asString()))
                    .isAfterOrEqualTo(Instant.parse(queued.get("created_at").asString()));
            assertThat(view(ada, retryingId).get("waiting_reason").asString()).isEqualTo("ai_unavailable");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() ->
                            assertThat(pushed).anySatisfy(view -> assertWaiting(view, queuedId, "ai_unavailable")));
        } finally {
            breaker(WorkerCircuitChanged.Event.CIRCUIT_CLOSED);
        }

        awaitView(
                ada,
                queuedId,
                view -> assertThat(view.get("waiting_reason").isNull()).isTrue());
        assertThat(view(ada, queuedId).get("waiting_since").isNull()).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(pushed).anySatisfy(view -> assertWaiting(view, queuedId, null)));
    }

    @Test
    void anAttemptInProgressShowsWhenItStartedAndDoesNotWait() throws Exception {
        ApiClient ada = ada();
        String operationId =
                ada.post("/api/v1/sessions/" + newSession(ada) + "/questions").text("id");
        OperationRequested request = requestOnTopic(operationId);
        OperationStatusChanged processing = OperationStatusChanged.processing(request, 1, 4);

        status(processing);

        awaitView(ada, operationId, view -> {
            assertThat(view.get("status").asString()).isEqualTo("processing");
            assertThat(Instant.parse(view.get("attempt_started_at").asString()))
                    .isCloseTo(processing.occurredAt(), within(1, ChronoUnit.MILLIS));
            assertThat(view.get("waiting_reason").isNull()).isTrue();
        });
        status(OperationStatusChanged.attemptFailed(
                request, 1, 4, Instant.now().plusSeconds(2), "HttpTimeoutException", null, "timed out"));
        awaitView(
                ada,
                operationId,
                view -> assertThat(view.get("attempt_started_at").isNull()).isTrue());
    }

    private static void assertWaiting(JsonNode view, String operationId, String reason) {
        assertThat(view.get("id").asString()).isEqualTo(operationId);
        if (reason == null) {
            assertThat(view.get("waiting_reason").isNull()).isTrue();
        } else {
            assertThat(view.get("waiting_reason").asString()).isEqualTo(reason);
        }
    }

    private void breaker(WorkerCircuitChanged.Event event) throws Exception {
        Instant now = Instant.now();
        kafka.send(
                        Topics.WORKER_EVENTS,
                        workerId,
                        WorkerCircuitChanged.of(
                                event,
                                workerId,
                                1.0,
                                10,
                                "test",
                                now,
                                event == WorkerCircuitChanged.Event.CIRCUIT_OPENED ? now.plusSeconds(5) : null))
                .get();
    }

    private static JsonNode view(ApiClient client, String operationId) {
        return client.get("/api/v1/operations/" + operationId).json();
    }

    private static void awaitView(
            ApiClient client, String operationId, org.assertj.core.api.ThrowingConsumer<JsonNode> check) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> check.accept(view(client, operationId)));
    }

    /** The data of every {@code operation} event of the session's stream, as they arrive. */
    private static List<JsonNode> subscribe(ApiClient client, String sessionId) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(
                        client.request("/api/v1/sessions/" + sessionId + "/events")
                                .timeout(Duration.ofMinutes(2))
                                .header("Accept", "text/event-stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> read(response.body(), events), "sse-availability-reader");
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    private static void read(InputStream body, List<JsonNode> events) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = "message";
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:") && name.equals("operation")) {
                    events.add(JSON.readTree(line.substring(5).trim()));
                } else if (line.isEmpty()) {
                    name = "message";
                }
            }
        } catch (Exception e) {
            // the stream ends with the test
        }
    }
}
