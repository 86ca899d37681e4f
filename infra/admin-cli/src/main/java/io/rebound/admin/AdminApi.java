package io.rebound.admin;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's admin API over plain {@code java.net.http}: HTTP Basic on every request, JSON in and out. Any answer
 * that is not 2xx becomes an {@link ApiException} carrying the problem's {@code detail}.
 */
final class AdminApi {

    static final String DEAD_LETTERS = "/api/v1/admin/dead-letters";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final String baseUrl;
    private final String authorization;

    AdminApi(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** GET with query parameters; null values are left out. */
    JsonNode get(String path, Map<String, ?> query) {
        return send(request(path + queryString(query)).GET());
    }

    JsonNode get(String path) {
        return get(path, Map.of());
    }

    JsonNode post(String path, JsonNode body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", authorization);
    }

    /** The JSON body of a 2xx answer (an empty object when there is none). */
    private JsonNode send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ApiException.unreachable(baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unreachable(baseUrl, e);
        }
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw problem(request, response.statusCode(), response.body());
        }
        JsonNode body = Json.parseOrNull(response.body());
        return body == null ? Json.object() : body;
    }

    /** The problem+json answer as an exception; a body that is not a problem (a proxy's HTML page) still gets a detail. */
    static ApiException problem(HttpRequest request, int status, String body) {
        JsonNode problem = Json.parseOrNull(body);
        String detail = Json.text(problem, "detail");
        if (detail == null) {
            detail = Json.text(problem, "title");
        }
        if (detail == null) {
            detail = request.method() + " " + request.uri().getPath() + " answered HTTP " + status;
        }
        String code = Json.text(problem, "code");
        return new ApiException(status, code == null ? "HTTP_" + status : code, detail);
    }

    static String queryString(Map<String, ?> query) {
        String joined = query.entrySet().stream()
                .filter(entry -> entry.getValue() != null)
                .map(entry ->
                        encode(entry.getKey()) + "=" + encode(entry.getValue().toString()))
                .collect(Collectors.joining("&"));
        return joined.isEmpty() ? "" : "?" + joined;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
