package io.rebound.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.gateway.GatewayIT;
import io.rebound.testsupport.ApiClient;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A battery of bad requests on every endpoint: each one gets a clear 4xx as problem+json with a code, never a 500,
 * and nothing is stored.
 */
class BadInputIT extends GatewayIT {

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient sre() {
        return ApiClient.as(baseUrl(), "sre@example.com", PASSWORD);
    }

    @Test
    void malformedWrongTypedAndUnknownJsonIsRejectedOnEveryBody() {
        ApiClient ada = ada();
        String sessionId = newSession(ada);
        long sessionsBefore = count("interview_sessions");
        List<String> bodies = List.of(
                "{\"role\":", // cut off
                "not json",
                "[]",
                "{\"role\":{\"nested\":true}}",
                "{\"role\":[\"x\"]}",
                "{\"role\":\"Backend\",\"is_admin\":true}", // unknown field: probably a typo of a real one
                "{}",
                "");

        for (String body : bodies) {
            assertProblem(ada.post("/api/v1/sessions", body), 400);
            assertProblem(ada.post("/api/v1/sessions/" + sessionId + "/answers", body.replace("role", "content")), 400);
        }
        assertThat(count("interview_sessions")).isEqualTo(sessionsBefore);
    }

    @Test
    void unknownFieldsAreNamedInTheError() {
        ApiClient.Response response = ada().post("/api/v1/sessions", "{\"role\":\"x\",\"rol\":\"y\"}");

        assertProblem(response, 400);
        assertThat(response.text("detail")).contains("rol");
    }

    @Test
    void oversizedBodiesAndHugeAnswersAreRefusedWithoutStoringAnything() {
        ApiClient ada = ada();
        String sessionId = newSession(ada);
        long messagesBefore = count("session_messages");

        ApiClient.Response hugeRole = ada.post("/api/v1/sessions", "{\"role\":\"" + "x".repeat(201) + "\"}");
        ApiClient.Response hugeAnswer =
                ada.post("/api/v1/sessions/" + sessionId + "/answers", "{\"content\":\"" + "x".repeat(10_001) + "\"}");
        ApiClient.Response hugeBody = ada.post("/api/v1/sessions", "{\"role\":\"" + "x".repeat(2_000_000) + "\"}");

        assertProblem(hugeRole, 400);
        assertProblem(hugeAnswer, 400);
        assertProblem(hugeBody, 413);
        assertThat(hugeBody.text("code")).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(count("session_messages")).isEqualTo(messagesBefore);
    }

    @Test
    void sqlLookingAndTraversalIdsAreClear400sOr404s() {
        ApiClient ada = ada();
        String operationId =
                ada.post("/api/v1/sessions/" + newSession(ada) + "/questions").text("id");
        for (String id : List.of(
                "1'%20OR%20'1'='1",
                "1;DROP%20TABLE%20operations",
                "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "..%2F..%2Fetc%2Fpasswd",
                "00000000-0000-0000-0000-00000000000Z",
                "%00")) { // Tomcat refuses it before any filter: its own error page must be problem+json too
            ApiClient.Response operation = ada.get("/api/v1/operations/" + id);
            ApiClient.Response session = ada.get("/api/v1/sessions/" + id);
            ApiClient.Response retry = ada.post("/api/v1/operations/" + id + "/retry");
            for (ApiClient.Response response : List.of(operation, session, retry)) {
                assertThat(response.status()).as(id + " -> " + response).isIn(400, 404);
                assertThat(response.contentType()).as(id).startsWith("application/problem+json");
            }
        }
        assertThat(ada.get("/api/v1/operations/" + operationId).status()).isEqualTo(200);
    }

    @Test
    void wrongMethodsMediaTypesAndPathsAreProblems() {
        ApiClient ada = ada();

        assertProblem(ada.send(ada.request("/api/v1/sessions").DELETE()), 405);
        assertProblem(
                ada.send(ada.request("/api/v1/sessions")
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("role=x"))),
                415);
        assertProblem(ada.get("/api/v1/no-such-thing"), 404);
    }

    @Test
    void badAdminFiltersAreClear400s() {
        ApiClient sre = sre();

        assertProblem(sre.get("/api/v1/admin/dead-letters?size=100000"), 400);
        assertProblem(sre.get("/api/v1/admin/dead-letters?state=lost"), 400);
        assertProblem(sre.get("/api/v1/admin/dead-letters?since=yesterday"), 400);
        assertProblem(sre.get("/api/v1/admin/dead-letters/not-a-number"), 400);
        assertProblem(sre.post("/api/v1/admin/dead-letters/redrive", "{\"rate_per_second\":-1}"), 400);
        assertProblem(sre.post("/api/v1/admin/dead-letters/redrive", "{\"max_records\":\"many\"}"), 400);
        assertProblem(sre.post("/api/v1/admin/dead-letters/discard", "{\"reason\":\"x\"}"), 400);
        // An empty body must not redrive every open dead letter; a misspelt code must not silently match nothing.
        assertProblem(sre.post("/api/v1/admin/dead-letters/redrive", "{}"), 400);
        ApiClient.Response misspelt = sre.get("/api/v1/admin/dead-letters?error_code=AI_UNAVAIABLE");
        assertProblem(misspelt, 400);
        assertThat(misspelt.text("detail")).contains("AI_UNAVAILABLE");
        assertProblem(sre.get("/api/v1/admin/dead-letters?operation_type=%27%3B%20drop%20table%20x"), 400);
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private static void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.text("code")).as(response.toString()).isNotBlank();
    }
}
