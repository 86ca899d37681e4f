package io.rebound.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A canned admin API on a random local port: answers by method and path, and remembers what it was asked. */
final class StubGateway implements AutoCloseable {

    record Answer(int status, String contentType, String body) {}

    record Request(String method, String pathAndQuery, String authorization, String body) {}

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    StubGateway() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code "GET /api/v1/..."} (path without query) with JSON. */
    StubGateway json(String methodAndPath, int status, String body) {
        answers.put(methodAndPath, new Answer(status, "application/json", body));
        return this;
    }

    StubGateway problem(String methodAndPath, int status, String code, String detail) {
        String body = "{\"type\":\"https://rebound.io/problems/" + code.toLowerCase() + "\",\"title\":\"t\",\"status\":"
                + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}";
        answers.put(methodAndPath, new Answer(status, "application/problem+json", body));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                body));
        Answer answer = answers.getOrDefault(
                exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                new Answer(404, "application/problem+json", "{\"detail\":\"no stub\",\"code\":\"NOT_FOUND\"}"));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
