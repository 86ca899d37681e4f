package io.rebound.bench.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A signed-in user of the REST API, the way the SPA talks to it: one sign-in, then the session cookie and the CSRF
 * token on every request. (HTTP Basic would run BCrypt on every request, which is the cost of signing in, not of
 * using Rebound.)
 */
public final class GatewayUser {

    private static final String XSRF_COOKIE = "XSRF-TOKEN";

    private final Http http;
    private final String base;
    private final Map<String, String> cookies = new ConcurrentHashMap<>();

    private GatewayUser(Http http, String base) {
        this.http = http;
        this.base = base;
    }

    public static GatewayUser signIn(Http http, String base, String email, String password) {
        GatewayUser user = new GatewayUser(http, base);
        user.exchange(user.request("/api/v1/auth/csrf").GET(), 200);
        user.exchange(
                user.request("/api/v1/auth/login").POST(Http.body(Map.of("email", email, "password", password))), 200);
        user.exchange(user.request("/api/v1/auth/csrf").GET(), 200); // the token changes at sign-in
        return user;
    }

    public UUID createSession(String role) {
        return uuid(exchange(request("/api/v1/sessions").POST(Http.body(Map.of("role", role))), 201), "id");
    }

    /** {@code POST /sessions/{id}/questions}: the accepted operation's id. */
    public UUID askQuestion(UUID sessionId) {
        return uuid(
                exchange(
                        request("/api/v1/sessions/" + sessionId + "/questions")
                                .POST(HttpRequest.BodyPublishers.noBody()),
                        202),
                "id");
    }

    /**
     * {@code POST /sessions/{id}/questions} with the answer as it came, whatever its status: the fault suite counts
     * the answers a user would see. A request that got no answer throws {@link Http.HttpFailure} with the I/O error
     * as its cause.
     */
    public HttpResponse<String> tryAskQuestion(UUID sessionId) {
        HttpRequest request = request("/api/v1/sessions/" + sessionId + "/questions")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = http.send(request);
        remember(response);
        return response;
    }

    public JsonNode operation(UUID operationId) {
        return exchange(request("/api/v1/operations/" + operationId).GET(), 200);
    }

    /** {@code POST /operations/{id}/retry}: the id of the new operation. */
    public UUID retry(UUID operationId) {
        return uuid(
                exchange(
                        request("/api/v1/operations/" + operationId + "/retry")
                                .POST(HttpRequest.BodyPublishers.noBody()),
                        201,
                        200),
                "id");
    }

    public JsonNode get(String path) {
        return exchange(request(path).GET(), 200);
    }

    /** A GET with the answer as it came, whatever its status. */
    public HttpResponse<String> tryGet(String path) {
        HttpResponse<String> response = http.send(request(path).GET().build());
        remember(response);
        return response;
    }

    /**
     * Opens the session's event stream and returns as soon as its headers arrive, without reading its body: a client
     * that stopped reading (a frozen tab). Closing the body's stream closes the connection.
     */
    public HttpResponse<java.io.InputStream> openEventsUnread(UUID sessionId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions/" + sessionId + "/events"))
                .header("Accept", "text/event-stream")
                .header("Cookie", cookieHeader())
                .build();
        try {
            return http.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.io.IOException e) {
            throw new Http.HttpFailure("GET " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Http.HttpFailure("interrupted opening " + request.uri(), e);
        }
    }

    public SessionEvents watch(UUID sessionId) {
        return SessionEvents.open(http, URI.create(base + "/api/v1/sessions/" + sessionId + "/events"), cookieHeader());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Http.REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json");
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookieHeader());
        }
        String xsrf = cookies.get(XSRF_COOKIE);
        if (xsrf != null) {
            builder.header("X-XSRF-TOKEN", xsrf);
        }
        return builder;
    }

    private JsonNode exchange(HttpRequest.Builder builder, int... expected) {
        HttpRequest request = builder.build();
        HttpResponse<String> response = http.send(request);
        remember(response);
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response.body().isEmpty() ? Http.JSON.createObjectNode() : Http.JSON.readTree(response.body());
            }
        }
        throw new Http.HttpFailure(
                request.method() + " " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }

    private void remember(HttpResponse<?> response) {
        for (String header : response.headers().allValues("set-cookie")) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals > 0) {
                String name = pair.substring(0, equals).trim();
                String value = pair.substring(equals + 1).trim();
                if (value.isEmpty()) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
        }
    }

    private String cookieHeader() {
        return cookies.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    private static UUID uuid(JsonNode node, String field) {
        return UUID.fromString(node.path(field).asString());
    }
}
