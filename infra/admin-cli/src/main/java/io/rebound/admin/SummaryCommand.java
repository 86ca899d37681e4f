package io.rebound.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code dlt summary}: what is in the dead-letter topic, grouped by cause. The first thing to run in an incident. */
@Command(name = "summary", description = "Dead letters grouped by cause: error code, exception, operation type.")
final class SummaryCommand extends AdminCommand {

    @Option(
            names = "--state",
            defaultValue = "open",
            paramLabel = "STATE",
            description = "open, resolved, redriven, discarded or all (default: ${DEFAULT-VALUE}).")
    String state;

    @Option(names = "--since", paramLabel = "WHEN", description = "Dead-lettered at or after: 30m, 1h, 2d or ISO.")
    Instant since;

    @Option(names = "--until", paramLabel = "WHEN", description = "Dead-lettered before: 30m, 1h, 2d or ISO.")
    Instant until;

    @Override
    public Integer call() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("state", state);
        query.put("since", since);
        query.put("until", until);
        JsonNode summary = api().get(AdminApi.DEAD_LETTERS + "/summary", query);
        if (json()) {
            return printJson(summary);
        }
        JsonNode groups = summary.path("groups");
        if (groups.isEmpty()) {
            out().println("No " + state + " dead letters.");
            return ExitCodes.OK;
        }
        out().printf(
                        "%d %s dead letters in %d group%s%n%n",
                        Json.number(summary, "total"), state, groups.size(), groups.size() == 1 ? "" : "s");
        out().print(table(groups, now()).render());
        out().printf("%nDrill down: rebound-admin dlt list --error-code CODE --exception-class EXCEPTION%n");
        return ExitCodes.OK;
    }

    private static Table table(JsonNode groups, Instant now) {
        Table table = new Table(
                Table.right("COUNT"),
                Table.left("ERROR CODE", 28),
                Table.left("EXCEPTION", 48),
                Table.left("OPERATION TYPE", 28),
                Table.left("OLDEST", 10),
                Table.left("NEWEST", 10));
        for (JsonNode group : groups) {
            table.row(
                    Json.number(group, "count"),
                    Json.text(group, "error_code"),
                    simpleName(Json.text(group, "exception_class")),
                    Json.text(group, "operation_type"),
                    Times.ago(Times.fromApi(group.get("oldest")), now),
                    Times.ago(Times.fromApi(group.get("newest")), now));
        }
        return table;
    }

    /** The class name without its package: short enough for a table, and accepted by --exception-class. */
    static String simpleName(String className) {
        return className == null ? null : className.substring(className.lastIndexOf('.') + 1);
    }
}
