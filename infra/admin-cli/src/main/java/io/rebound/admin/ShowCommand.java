package io.rebound.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code dlt show ID}: everything about one dead letter, as the gateway indexed it. */
@Command(name = "show", description = "One dead letter: every field, its Kafka headers and its payload.")
final class ShowCommand extends AdminCommand {

    @Parameters(paramLabel = "ID", description = "The dead letter's id (first column of dlt list).")
    long id;

    @Override
    public Integer call() {
        JsonNode detail = api().get(AdminApi.DEAD_LETTERS + "/" + id);
        if (json()) {
            return printJson(detail);
        }
        out().println("Dead letter " + id);
        out().print(Table.fields(fields(detail, now()), "  "));

        out().println();
        out().println("Headers");
        Map<String, String> headers = headers(detail);
        out().print(headers.isEmpty() ? "  (none)\n" : Table.fields(headers, "  "));

        out().println();
        out().println("Payload");
        out().println(payload(Json.text(detail, "payload")));
        return ExitCodes.OK;
    }

    /** Every field of the dead letter, as the API names them, timestamps with their age; then key and message. */
    private static Map<String, String> fields(JsonNode detail, Instant now) {
        JsonNode deadLetter = detail.path("dead_letter");
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : deadLetter.properties()) {
            String value = Json.text(deadLetter, field.getKey());
            boolean timestamp = field.getKey().endsWith("_at") && value != null;
            fields.put(
                    field.getKey(),
                    timestamp ? value + " (" + Times.ago(Times.fromApi(field.getValue()), now) + ")" : value);
        }
        fields.put("key", Json.text(detail, "key"));
        fields.put("exception_message", Json.text(detail, "exception_message"));
        return fields;
    }

    private static Map<String, String> headers(JsonNode detail) {
        Map<String, String> headers = new TreeMap<>();
        JsonNode headerNode = detail.path("headers");
        headerNode.properties().forEach(header -> headers.put(header.getKey(), Json.text(headerNode, header.getKey())));
        return headers;
    }

    /** JSON payloads pretty-printed, anything else as the gateway stored it. */
    static String payload(String payload) {
        if (payload == null || payload.isEmpty()) {
            return "(empty)";
        }
        JsonNode json = Json.parseOrNull(payload);
        return json != null && json.isContainer() ? Json.pretty(json) : payload;
    }
}
