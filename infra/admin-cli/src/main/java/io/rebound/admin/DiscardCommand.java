package io.rebound.admin;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code dlt discard}: closes open dead letters for good, with a reason, in the audit trail. Named ids go at once; a
 * filter can match thousands, so without {@code --yes} it only shows what it would discard.
 */
@Command(
        name = "discard",
        description = {
            "Close open dead letters for good, with a reason (audited).",
            "With --id they are discarded at once. With filters, it shows what matches and",
            "discards only when --yes is given too."
        })
final class DiscardCommand extends AdminCommand {

    static final int PREVIEW_SIZE = 10;

    @Option(names = "--id", paramLabel = "ID", split = ",", description = "Dead letter ids (repeat or comma-separate).")
    List<Long> ids;

    @Mixin
    FilterOptions filter;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the audit trail.")
    String reason;

    @Option(names = "--yes", description = "Really discard everything the filters match.")
    boolean yes;

    @Override
    public Integer call() {
        boolean byId = ids != null && !ids.isEmpty();
        checkTarget(byId);
        if (!byId && !yes) {
            return preview();
        }
        ObjectNode request = Json.object();
        if (byId) {
            ArrayNode array = request.putArray("ids");
            ids.forEach(array::add);
        } else {
            request.set("filter", filter.toJson());
        }
        request.put("reason", reason);
        JsonNode discarded = api().post(AdminApi.DEAD_LETTERS + "/discard", request);
        if (json()) {
            return printJson(discarded);
        }
        long matched = Json.number(discarded, "matched");
        long count = Json.number(discarded, "discarded");
        out().printf(
                        "Discarded %d of %d dead letters (audit %d)%s%n",
                        count,
                        matched,
                        Json.number(discarded, "audit_id"),
                        count < matched ? "; the others were not open any more" : ".");
        return ExitCodes.OK;
    }

    /** One command must never discard every open dead letter by accident: it names ids or filters, not both. */
    private void checkTarget(boolean byId) {
        if (byId && !filter.isEmpty()) {
            throw usage("give either --id or filters, not both");
        }
        if (!byId && filter.isEmpty()) {
            throw usage("say which dead letters: --id ID... or at least one filter (--error-code, --exception-class,"
                    + " --operation-type, --since, --until)");
        }
        if (reason.isBlank()) {
            throw usage("--reason must say why");
        }
    }

    /** What --yes would discard: the count and the newest few. */
    private int preview() {
        Map<String, Object> query = filter.query();
        query.put("state", "open");
        query.put("size", PREVIEW_SIZE);
        JsonNode page = api().get(AdminApi.DEAD_LETTERS, query);
        if (json()) {
            return printJson(page);
        }
        long total = Json.number(page, "total");
        out().printf("%s%s; nothing was discarded.%n", openDeadLetters(total), filter.matching());
        if (total > 0) {
            out().println();
            out().print(ListCommand.table(page.path("items"), now()).render());
            if (total > PREVIEW_SIZE) {
                out().printf("... and %d more%n", total - PREVIEW_SIZE);
            }
            out().printf("%nTo discard them, run the same command with --yes.%n");
        }
        return ExitCodes.OK;
    }
}
