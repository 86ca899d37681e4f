package io.rebound.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.gateway.GatewayIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiIT extends GatewayIT {

    @Test
    void theApiDescriptionDocumentsRetryAndItsProblemAnswers() {
        JsonNode api = ada().get("/v3/api-docs").json();

        JsonNode retry = api.get("paths").get("/api/v1/operations/{id}/retry").get("post");
        assertThat(retry.get("responses").propertyNames()).contains("201", "200", "404", "409", "400");
        assertThat(retry.get("responses").get("409").get("description").asString())
                .contains("OPERATION_NOT_RETRYABLE");
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
