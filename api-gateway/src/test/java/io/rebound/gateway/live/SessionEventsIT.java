package io.rebound.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationStatusChanged;
import io.rebound.gateway.GatewayIT;
import io.rebound.gateway.user.UserAccount;
import io.rebound.gateway.user.UserRepository;
import io.rebound.testsupport.ApiClient;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client reading the Server-Sent Events stream of a session. */
class SessionEventsIT extends GatewayIT {

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    MeterRegistry meters;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Event(String id, String name, JsonNode data) {}

    @Test
    void streamsProcessingFailedRetriedAndCompletedInOrder() throws Exception {
        ApiClient ada = ada();
        String sessionId = newSession(ada);
        List<Event> events = subscribe(ada, sessionId, null);

        String firstId =
                ada.post("/api/v1/sessions/" + sessionId + "/questions").text("id");
        OperationRequested first = requestOnTopic(firstId);
        status(OperationStatusChanged.processing(first, 1, 4));
        // The stream sends an operation as it is when its change is read: the next change only after this one is seen.
        awaitEvent(events, firstId, e -> "processing".equals(e.get("status").asString()));
        status(OperationStatusChanged.attemptFailed(
                first, 1, 4, Instant.now().plusSeconds(1), "InternalServerException", 503, "overloaded"));
        awaitEvent(events, firstId, e -> e.get("next_retry_at").isString());
        deadLetter(firstId, "AI_UNAVAILABLE");
        awaitEvent(events, firstId, e -> "failed".equals(e.get("status").asString()));
        String retryId = ada.post("/api/v1/operations/" + firstId + "/retry").text("id");
        status(OperationStatusChanged.completed(requestOnTopic(retryId), 1, 4, "Explain CAP."));
        awaitEvent(events, retryId, e -> "completed".equals(e.get("status").asString()));

        List<String> sequence = events.stream()
                .filter(e -> e.name().equals("operation"))
                .map(e -> describe(e.data()))
                .distinct()
                .toList();
        assertThat(sequence)
                .containsSubsequence(
                        firstId + " pending",
                        firstId + " processing",
                        firstId + " processing retry-at",
                        firstId + " failed",
                        retryId + " pending",
                        firstId + " failed retried",
                        retryId + " completed");
        List<Long> ids = events.stream()
                .filter(e -> e.id() != null)
                .map(e -> Long.parseLong(e.id()))
                .toList();
        assertThat(ids).isSorted();
    }

    @Test
    void aReconnectWithLastEventIdReceivesWhatItMissed() throws Exception {
        ApiClient ada = ada();
        String sessionId = newSession(ada);
        List<Event> first = subscribe(ada, sessionId, null);
        String operationId =
                ada.post("/api/v1/sessions/" + sessionId + "/questions").text("id");
        Event created = awaitEvent(
                first, operationId, e -> "pending".equals(e.get("status").asString()));

        status(OperationStatusChanged.completed(requestOnTopic(operationId), 1, 4, "What is a mutex?"));
        awaitStatus(ada, operationId, "completed");
        List<Event> resumed = subscribe(ada, sessionId, created.id());

        Event missed = awaitEvent(
                resumed, operationId, e -> "completed".equals(e.get("status").asString()));
        assertThat(Long.parseLong(missed.id())).isGreaterThan(Long.parseLong(created.id()));
    }

    @Test
    void anotherUsersStreamIsRefusedAndHeartbeatsKeepItAlive() throws Exception {
        String sessionId = newSession(ada());

        HttpResponse<String> refused = HttpClient.newHttpClient()
                .send(
                        bob().request("/api/v1/sessions/" + sessionId + "/events")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(404);

        List<Event> events = subscribe(ada(), sessionId, null);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> events.stream().anyMatch(e -> e.name().equals("heartbeat")));
    }

    @Test
    void aUserHoldsAtMostTenStreamsAndAnEleventhEndsTheOldest() throws Exception {
        String email = "streams-" + UUID.randomUUID() + "@example.com";
        users.save(new UserAccount(email, passwords.encode(PASSWORD), "Stream Holder", UserAccount.ROLE_USER));
        ApiClient holder = ApiClient.as(baseUrl(), email, PASSWORD);
        String sessionId = newSession(holder);
        List<InputStream> open = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            HttpResponse<InputStream> stream = openStream(holder, sessionId);
            assertThat(stream.statusCode()).isEqualTo(200);
            open.add(stream.body());
        }
        // Another user's streams are not counted against this one.
        InputStream adas = openStream(ada(), newSession(ada())).body();
        double sessionsWithStreams = meters.get("rebound.live.sessions").gauge().value();

        HttpResponse<InputStream> eleventh = openStream(holder, sessionId);

        assertThat(eleventh.statusCode()).isEqualTo(200);
        open.add(eleventh.body());
        // The oldest stream is ended by the server: its client reads to the end.
        assertThat(CompletableFuture.supplyAsync(() -> drain(open.get(0))).get(10, TimeUnit.SECONDS))
                .isGreaterThan(0);
        assertThat(meters.get("rebound.live.streams.evicted").counter().count()).isGreaterThanOrEqualTo(1.0);

        // When every stream of the session is closed, the session's entry goes.
        for (InputStream stream : open) {
            stream.close();
        }
        await().atMost(Duration.ofSeconds(15))
                .until(() -> meters.get("rebound.live.sessions").gauge().value() < sessionsWithStreams);
        adas.close();
    }

    /** Reads a stream to its end; the bytes it carried. */
    private static long drain(InputStream stream) {
        try (stream) {
            return stream.transferTo(OutputStream.nullOutputStream());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<InputStream> openStream(ApiClient client, String sessionId) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        client.request("/api/v1/sessions/" + sessionId + "/events")
                                .timeout(Duration.ofMinutes(2))
                                .header("Accept", "text/event-stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
    }

    private static String describe(JsonNode operation) {
        String text =
                operation.get("id").asString() + " " + operation.get("status").asString();
        if (operation.get("next_retry_at").isString()) {
            text += " retry-at";
        }
        if (operation.get("retried_by_operation_id").isString()) {
            text += " retried";
        }
        return text;
    }

    private static Event awaitEvent(
            List<Event> events, String operationId, java.util.function.Predicate<JsonNode> match) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> events.stream()
                                .filter(e -> e.name().equals("operation"))
                                .filter(e ->
                                        operationId.equals(e.data().get("id").asString()))
                                .filter(e -> match.test(e.data()))
                                .findFirst()
                                .orElse(null),
                        java.util.Objects::nonNull);
    }

    /** Opens the stream on a background thread and collects its events as they arrive. */
    private List<Event> subscribe(ApiClient client, String sessionId, String lastEventId) throws Exception {
        HttpRequest.Builder request = client.request("/api/v1/sessions/" + sessionId + "/events")
                .timeout(Duration.ofMinutes(2))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response =
                HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<Event> events = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> read(response.body(), events), "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    private static void read(InputStream body, List<Event> events) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, name, JSON.readTree(data.toString())));
                    }
                    id = null;
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        } catch (Exception e) {
            // stream closed at the end of the test
        }
    }
}
