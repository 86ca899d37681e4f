package io.rebound.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.gateway.GatewayIT;
import io.rebound.testsupport.ApiClient;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ApiSecurityIT extends GatewayIT {

    @Test
    void withoutCredentialsEveryApiCallIs401ProblemJson() {
        ApiClient anonymous = ApiClient.anonymous(baseUrl());

        for (ApiClient.Response response : new ApiClient.Response[] {
            anonymous.get("/api/v1/sessions"), anonymous.post("/api/v1/sessions", "{\"role\":\"x\"}")
        }) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.text("code")).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Test
    void askingWhoIsSignedInWithoutASessionIs204NotAnError() throws Exception {
        HttpResponse<String> me =
                HttpClient.newHttpClient().send(get("/api/v1/auth/me"), HttpResponse.BodyHandlers.ofString());

        assertThat(me.statusCode()).isEqualTo(204);
        assertThat(me.body()).isEmpty();
    }

    @Test
    void aWrongPasswordIs401() {
        ApiClient.Response response =
                ApiClient.as(baseUrl(), "ada@example.com", "wrong").get("/api/v1/sessions");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anotherUsersSessionAndOperationAnswer404LikeUnknownOnes() {
        ApiClient ada = ada();
        String sessionId = newSession(ada);
        String operationId =
                ada.post("/api/v1/sessions/" + sessionId + "/questions").text("id");

        for (ApiClient.Response response : new ApiClient.Response[] {
            bob().get("/api/v1/sessions/" + sessionId),
            bob().post("/api/v1/sessions/" + sessionId + "/questions"),
            bob().get("/api/v1/operations/" + operationId),
            bob().get("/api/v1/operations/00000000-0000-0000-0000-000000000000")
        }) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.text("code")).isEqualTo("NOT_FOUND");
        }
        assertThat(bob().get("/api/v1/sessions").json().findValuesAsString("id"))
                .doesNotContain(sessionId);
    }

    @Test
    void theSimulatorsFaultApiIsForAdministratorsAndAbsentOutsideTheLocalProfile() {
        ApiClient ada = ada();
        ApiClient sre = ApiClient.as(baseUrl(), "sre@example.com", PASSWORD);

        for (ApiClient.Response response : new ApiClient.Response[] {
            ada.get("/api/v1/dev/simulator"),
            ada.post("/api/v1/dev/simulator/faults", "{\"status\":503}"),
            ada.delete("/api/v1/dev/simulator/faults")
        }) {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        // This gateway is told the simulator's URL but does not run the local profile: no fault API at all.
        assertThat(sre.get("/api/v1/dev/simulator").status()).isEqualTo(404);
        assertThat(sre.post("/api/v1/dev/simulator/faults", "{\"status\":503}").status())
                .isEqualTo(404);
    }

    @Test
    void malformedIdsAndBodiesAreClear400s() {
        ApiClient ada = ada();

        ApiClient.Response badId = ada.get("/api/v1/operations/not-a-uuid");
        ApiClient.Response badJson = ada.post("/api/v1/sessions", "{\"role\":");
        ApiClient.Response blankRole = ada.post("/api/v1/sessions", "{\"role\":\"  \"}");

        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.text("code")).isEqualTo("INVALID_PARAMETER");
        assertThat(badId.text("detail")).startsWith("\"not-a-uuid\" is not a valid id: expected an id of 36");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.text("detail")).contains("not valid JSON");
        assertThat(blankRole.status()).isEqualTo(400);
        assertThat(blankRole.text("code")).isEqualTo("VALIDATION_FAILED");
        assertThat(blankRole.text("detail")).contains("role");
        for (ApiClient.Response response : new ApiClient.Response[] {badId, badJson, blankRole}) {
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void theSpaSignsInWithACookieAndMustSendTheCsrfToken() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        browser.send(get("/api/v1/auth/csrf"), HttpResponse.BodyHandlers.ofString());
        String token = xsrfCookie(cookies);

        HttpResponse<String> wrong = browser.send(
                post("/api/v1/auth/login", "{\"email\":\"ada@example.com\",\"password\":\"nope\"}", token),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("Wrong email or password.");

        HttpResponse<String> login = browser.send(
                post("/api/v1/auth/login", "{\"email\":\"ada@example.com\",\"password\":\"rebound\"}", token),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("\"display_name\":\"Ada Lovelace\"");

        HttpResponse<String> withoutToken = browser.send(
                post("/api/v1/sessions", "{\"role\":\"SRE\"}", null), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode()).isEqualTo(403);

        String fresh = xsrfCookie(cookies);
        HttpResponse<String> created = browser.send(
                post("/api/v1/sessions", "{\"role\":\"SRE\"}", fresh), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);

        HttpResponse<String> me = browser.send(get("/api/v1/auth/me"), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("ada@example.com");
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build();
    }

    private HttpRequest post(String path, String json, String csrf) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (csrf != null) {
            builder.header("X-XSRF-TOKEN", csrf);
        }
        return builder.build();
    }

    private static String xsrfCookie(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                .reduce((first, second) -> second)
                .orElseThrow()
                .getValue();
    }
}
