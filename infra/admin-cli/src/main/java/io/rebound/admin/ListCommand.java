package io.rebound.admin;

import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code dlt list}: dead letters one line each, newest first, a page at a time. */
@Command(name = "list", description = "Dead letters, newest first, one line each.")
final class ListCommand extends AdminCommand {

    static final int SHORT_ID = 8;

    @Mixin
    FilterOptions filter;

    @Option(
            names = "--state",
            defaultValue = "open",
            paramLabel = "STATE",
            description = "open, resolved, redriven, discarded or all (default: ${DEFAULT-VALUE}).")
    String state;

    @Option(names = "--page", defaultValue = "0", paramLabel = "N", description = "Page, from 0 (default: 0).")
    int page;

    @Option(
            names = "--size",
            defaultValue = "50",
            paramLabel = "N",
            description = "Dead letters per page, 1..500 (default: ${DEFAULT-VALUE}).")
    int size;

    @Override
    public Integer call() {
        Map<String, Object> query = filter.query();
        query.put("state", state);
        query.put("page", page);
        query.put("size", size);
        JsonNode result = api().get(AdminApi.DEAD_LETTERS, query);
        if (json()) {
            return printJson(result);
        }
        long total = Json.number(result, "total");
        JsonNode items = result.path("items");
        if (items.isEmpty()) {
            out().println(
                            total == 0
                                    ? "No " + state + " dead letters match."
                                    : "No dead letters on page " + page + ".");
            return ExitCodes.OK;
        }
        out().print(table(items, now()).render());
        long first = (long) page * size + 1;
        long last = first + items.size() - 1;
        out().printf(
                        "%nShowing %d-%d of %d%s%n",
                        first, last, total, last < total ? "; next page: --page " + (page + 1) : "");
        return ExitCodes.OK;
    }

    /** One line per dead letter; also what discard shows before it is confirmed. */
    static Table table(JsonNode items, Instant now) {
        Table table = new Table(
                Table.right("ID"),
                Table.left("AGE", 8),
                Table.left("ERROR CODE", 24),
                Table.left("TYPE", 24),
                Table.left("OPERATION", SHORT_ID),
                Table.left("STATE", 9),
                Table.left("REASON", 60));
        for (JsonNode item : items) {
            table.row(
                    Json.number(item, "id"),
                    Times.ago(Times.fromApi(item.get("dead_lettered_at")), now).replace(" ago", ""),
                    Json.text(item, "error_code"),
                    Json.text(item, "operation_type"),
                    shortId(Json.text(item, "operation_id")),
                    Json.text(item, "state"),
                    Json.text(item, "reason"));
        }
        return table;
    }

    /** The first block of a UUID: enough to tell operations apart on one screen. */
    static String shortId(String uuid) {
        return uuid == null || uuid.length() <= SHORT_ID ? uuid : uuid.substring(0, SHORT_ID);
    }
}
