package io.rebound.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import tools.jackson.databind.json.JsonMapper;

/** Reading and writing exchanges. Every body the simulator sends is JSON, except 204 answers, which have none. */
final class HttpIo {

    private HttpIo() {}

    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    static void sendJson(HttpExchange exchange, JsonMapper json, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendNoContent(HttpExchange exchange) throws IOException {
        // -1, not 0: a length of 0 would announce a chunked body.
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    static void sendError(HttpExchange exchange, JsonMapper json, int status, String message, String type, String code)
            throws IOException {
        sendJson(exchange, json, status, OpenAiBodies.error(message, type, null, code));
    }
}
