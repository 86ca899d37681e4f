package io.rebound.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code dlt action AUDIT_ID}: how a redrive or discard went, for one started without --wait. */
@Command(name = "action", description = "A redrive's or discard's progress and outcome, from the audit trail.")
final class ActionCommand extends AdminCommand {

    @Parameters(paramLabel = "AUDIT_ID", description = "The audit id that redrive or discard printed.")
    long auditId;

    @Override
    public Integer call() {
        JsonNode action = api().get(ActionProgress.path(auditId));
        if (json()) {
            return printJson(action);
        }
        Instant now = now();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(
                "action", Json.text(action, "action") + (action.path("dry_run").asBoolean() ? " (dry run)" : ""));
        fields.put("actor", Json.text(action, "actor"));
        fields.put("filter", Json.text(action, "filter"));
        fields.put("progress", ActionProgress.line(action));
        fields.put("started", Times.ago(Times.fromApi(action.get("created_at")), now));
        fields.put(
                "finished",
                ActionProgress.finished(action)
                        ? Times.ago(Times.fromApi(action.get("finished_at")), now)
                        : "not yet (running)");
        out().println("Action " + auditId);
        out().print(Table.fields(fields, "  "));
        return ExitCodes.OK;
    }
}
