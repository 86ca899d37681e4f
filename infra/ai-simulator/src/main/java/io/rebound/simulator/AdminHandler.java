package io.rebound.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The fault and request-log endpoints under {@code /admin}, plus {@code /health}. */
final class AdminHandler {

    private final JsonMapper json;
    private final AiSimulator simulator;

    AdminHandler(JsonMapper json, AiSimulator simulator) {
        this.json = json;
        this.simulator = simulator;
    }

    void register(Router router) {
        router.route("POST", "/admin/faults", this::addFault)
                .route("GET", "/admin/faults", this::listFaults)
                .route("DELETE", "/admin/faults", exchange -> {
                    simulator.clearFaults();
                    HttpIo.sendNoContent(exchange);
                })
                .route("GET", "/admin/requests", exchange -> HttpIo.sendJson(exchange, json, 200, simulator.requests()))
                .route("DELETE", "/admin/requests", exchange -> {
                    simulator.resetRequests();
                    HttpIo.sendNoContent(exchange);
                })
                .route("GET", "/health", exchange -> HttpIo.sendJson(exchange, json, 200, Map.of("status", "UP")));
    }

    private void addFault(HttpExchange exchange) throws IOException {
        Fault fault;
        try {
            JsonNode body = parseObject(HttpIo.readBody(exchange));
            fault = json.treeToValue(body, Fault.class);
        } catch (JacksonException | IllegalArgumentException e) {
            badRequest(exchange, "Invalid fault rule: " + e.getMessage());
            return;
        }
        FaultRegistry.Rule rule;
        try {
            rule = simulator.addRule(fault);
        } catch (IllegalArgumentException e) {
            badRequest(exchange, e.getMessage());
            return;
        }
        HttpIo.sendJson(exchange, json, 201, view(rule));
    }

    private void listFaults(HttpExchange exchange) throws IOException {
        ArrayNode list = json.createArrayNode();
        simulator.faultRules().forEach(rule -> list.add(view(rule)));
        ObjectNode body = json.createObjectNode();
        body.set("faults", list);
        HttpIo.sendJson(exchange, json, 200, body);
    }

    private JsonNode parseObject(byte[] bytes) {
        // An empty body is an empty rule: every field of a fault is optional.
        JsonNode body = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        return body;
    }

    /** The rule as posted, with its id first and {@code times} showing what is left. */
    private ObjectNode view(FaultRegistry.Rule rule) {
        ObjectNode node = json.createObjectNode();
        node.put("id", rule.id());
        node.setAll((ObjectNode) json.valueToTree(rule.fault()));
        return node;
    }

    private void badRequest(HttpExchange exchange, String message) throws IOException {
        HttpIo.sendError(exchange, json, 400, message, "invalid_request_error", null);
    }
}
