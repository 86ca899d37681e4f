package io.rebound.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dispatches on exact path and method, and is the one place that turns any failure into a JSON 500: an exception
 * escaping a handler would otherwise leave the client hanging on a connection the JDK server silently drops.
 */
final class Router implements HttpHandler {

    @FunctionalInterface
    interface Route {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    private final JsonMapper json;
    private final Map<String, Map<String, Route>> routes = new LinkedHashMap<>();

    Router(JsonMapper json) {
        this.json = json;
    }

    Router route(String method, String path, Route route) {
        routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, route);
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            dispatch(exchange);
        } catch (IOException e) {
            // Usually the client gave up (e.g. its timeout fired during a delay fault): nothing left to answer.
            LOG.log(System.Logger.Level.DEBUG, "I/O error while answering " + exchange.getRequestURI(), e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Failed to answer " + exchange.getRequestURI(), e);
            answerServerError(exchange);
        } finally {
            exchange.close();
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        Map<String, Route> byMethod = routes.get(path);
        if (byMethod == null) {
            HttpIo.sendError(exchange, json, 404, "Unknown path: " + path, "invalid_request_error", "not_found");
            return;
        }
        Route route = byMethod.get(exchange.getRequestMethod());
        if (route == null) {
            exchange.getResponseHeaders().set("Allow", String.join(", ", byMethod.keySet()));
            HttpIo.sendError(
                    exchange,
                    json,
                    405,
                    exchange.getRequestMethod() + " is not allowed on " + path,
                    "invalid_request_error",
                    "method_not_allowed");
            return;
        }
        route.handle(exchange);
    }

    private void answerServerError(HttpExchange exchange) {
        if (exchange.getResponseCode() != -1) {
            return; // headers already went out; the client will see a truncated body
        }
        try {
            HttpIo.sendError(exchange, json, 500, "The simulator failed: see its log.", "server_error", null);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Could not send the 500 answer", e);
        }
    }
}
