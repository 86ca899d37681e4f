package io.rebound.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.gateway.GatewayIT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API document the gateway serves is the one committed at {@code docs/openapi.json}, from which the SPA's types are
 * generated. {@code -Drebound.openapi.write=true} (or {@code make api}) rewrites the committed one.
 */
class OpenApiIT extends GatewayIT {

    /** The committed document, relative to the gateway module (the directory Maven runs its tests in). */
    public static final Path COMMITTED = Path.of("..", "docs", "openapi.json");

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @Test
    void servesTheCommittedApiDocument() throws IOException {
        JsonNode served = ada().get("/v3/api-docs").json();
        if (Boolean.getBoolean("rebound.openapi.write")) {
            Files.writeString(COMMITTED, JSON.writeValueAsString(served) + "\n", StandardCharsets.UTF_8);
        }
        JsonNode committed = JSON.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        assertThat(served)
                .as("the served /v3/api-docs differs from docs/openapi.json: run make api and commit the result")
                .isEqualTo(committed);
    }

    @Test
    void theApiDescriptionDocumentsRetryAndItsProblemAnswers() {
        JsonNode api = ada().get("/v3/api-docs").json();

        JsonNode retry = api.get("paths").get("/api/v1/operations/{id}/retry").get("post");
        assertThat(retry.get("responses").propertyNames()).contains("201", "200", "404", "409", "400");
        assertThat(retry.get("responses").get("409").get("description").asString())
                .contains("OPERATION_NOT_RETRYABLE");
        assertThat(api.get("components")
                        .get("schemas")
                        .get("Problem")
                        .get("properties")
                        .propertyNames())
                .contains("type", "title", "status", "detail", "instance", "code");
        assertThat(api.get("paths").propertyNames())
                .contains(
                        "/api/v1/sessions",
                        "/api/v1/sessions/{id}/questions",
                        "/api/v1/sessions/{id}/answers",
                        "/api/v1/sessions/{id}/events",
                        "/api/v1/operations/{id}",
                        "/api/v1/operations/{id}/history");
    }
}
