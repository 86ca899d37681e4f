package io.rebound.bench.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The AI simulator's fault and request-log API ({@code /admin/faults}, {@code /admin/requests}). */
public final class SimulatorClient {

    private final Http http;
    private final String base;

    public SimulatorClient(Http http, String base) {
        this.http = http;
        this.base = base;
    }

    /** A recorded completion request: arrival time, answered status and the start of its prompt. */
    public record Request(Instant at, Integer status, String promptExcerpt) {}

    public void addFault(Map<String, Object> fault) {
        http.json(
                HttpRequest.newBuilder(URI.create(base + "/admin/faults"))
                        .header("Content-Type", "application/json")
                        .POST(Http.body(fault))
                        .build(),
                201);
    }

    public void clearFaults() {
        http.json(
                HttpRequest.newBuilder(URI.create(base + "/admin/faults"))
                        .DELETE()
                        .build(),
                204);
    }

    public void resetRequests() {
        http.json(
                HttpRequest.newBuilder(URI.create(base + "/admin/requests"))
                        .DELETE()
                        .build(),
                204);
    }

    /** The last requests (the simulator keeps 200), oldest first. */
    public List<Request> recentRequests() {
        JsonNode body = http.getJson(base + "/admin/requests");
        List<Request> requests = new ArrayList<>();
        for (JsonNode node : body.path("recent")) {
            requests.add(new Request(
                    Instant.parse(node.path("at").asString()),
                    node.path("status").isNull() ? null : node.path("status").asInt(),
                    node.path("prompt_excerpt").asString()));
        }
        return requests;
    }
}
