package io.rebound.bench.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One JDK HttpClient (HTTP/1.1, like a browser talking to the gateway) and JSON in and out. */
public final class Http {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The metrics credential the bench starts every gateway and worker with ({@code REBOUND_METRICS_PASSWORD}); their
     * actuator answers nothing but health without it.
     */
    public static final String METRICS_PASSWORD = "bench-metrics";

    private static final String METRICS_AUTHORIZATION = "Basic "
            + java.util.Base64.getEncoder()
                    .encodeToString(
                            ("prometheus:" + METRICS_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;

    public Http() {
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    HttpClient client() {
        return client;
    }

    /** A GET of an actuator URL (metrics, Prometheus) with the metrics credential. */
    public static HttpRequest.Builder actuator(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", METRICS_AUTHORIZATION);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new HttpFailure(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpFailure("interrupted", e);
        }
    }

    /** Sends and parses the JSON answer; any status other than {@code expected} is an error. */
    public JsonNode json(HttpRequest request, int... expected) {
        HttpResponse<String> response = send(request);
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            }
        }
        throw new HttpFailure(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                + abbreviate(response.body()));
    }

    public JsonNode getJson(String url) {
        return json(actuatorOrPlain(url).timeout(REQUEST_TIMEOUT).build(), 200);
    }

    /** The body of a GET answered 200, as text (e.g. a Prometheus scrape). */
    public String getText(String url, Duration timeout) {
        HttpRequest request = actuatorOrPlain(url).timeout(timeout).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new HttpFailure(
                    "GET " + url + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        return response.body();
    }

    private static HttpRequest.Builder actuatorOrPlain(String url) {
        return url.contains("/actuator/") && !url.contains("/actuator/health")
                ? actuator(url)
                : HttpRequest.newBuilder(URI.create(url));
    }

    public static HttpRequest.BodyPublisher body(Object value) {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }

    /** A request that failed or got an unexpected answer. */
    public static final class HttpFailure extends RuntimeException {
        HttpFailure(String message) {
            super(message);
        }

        HttpFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
