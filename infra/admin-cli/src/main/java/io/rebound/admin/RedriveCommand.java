package io.rebound.admin;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code dlt redrive}: open dead letters whose operation failed become new operations (source {@code redrive}), oldest
 * first, at a bounded rate. The gateway claims each dead letter once, so overlapping redrives are safe.
 */
@Command(
        name = "redrive",
        description = {
            "Turn open dead letters back into operations, oldest first, at a bounded rate.",
            "Start with --dry-run: it shows what would happen and changes nothing."
        })
final class RedriveCommand extends AdminCommand {

    @Mixin
    FilterOptions filter;

    @Option(
            names = "--max",
            paramLabel = "N",
            description = "Redrive at most N dead letters, 1..100000 (default: the gateway's, 1000).")
    Integer max;

    @Option(
            names = "--rate",
            defaultValue = "20",
            paramLabel = "PER_SECOND",
            description = "Redrives per second, above 0 and up to 1000 (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--dry-run", description = "Only say what would happen; change nothing.")
    boolean dryRun;

    @Option(names = "--wait", description = "Follow the redrive until it finishes, printing progress lines.")
    boolean await;

    @Option(
            names = "--timeout",
            defaultValue = "30m",
            paramLabel = "DURATION",
            description = "With --wait: stop waiting (exit 5) after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--poll", defaultValue = "1s", hidden = true, description = "With --wait: time between polls.")
    Duration poll;

    @Override
    public Integer call() {
        AdminApi api = api();
        JsonNode plan = api.post(AdminApi.DEAD_LETTERS + "/redrive", request());
        if (json() && (dryRun || !await)) {
            return printJson(plan);
        }
        if (dryRun) {
            printDryRun(plan);
            return ExitCodes.OK;
        }
        long auditId = Json.number(plan, "audit_id");
        // With --json the JSON goes to stdout alone, so it still parses; people watch progress on stderr.
        PrintWriter progress = json() ? err() : out();
        progress.printf(
                "Redrive %d started: %s%s at %s/s, about %s.%n",
                auditId,
                openDeadLetters(Json.number(plan, "matched")),
                filter.matching(),
                rate(plan),
                Times.human(eta(plan)));
        progress.flush();
        if (!await) {
            out().println("Follow it: rebound-admin dlt action " + auditId);
            return ExitCodes.OK;
        }
        return follow(api, auditId, progress);
    }

    private ObjectNode request() {
        ObjectNode request = Json.object();
        request.set("filter", filter.toJson());
        request.put("dry_run", dryRun);
        if (max != null) {
            request.put("max_records", max);
        }
        request.put("rate_per_second", rate);
        return request;
    }

    private int follow(AdminApi api, long auditId, PrintWriter progress) {
        Instant started = now();
        JsonNode action = ActionProgress.follow(api, auditId, progress, root().clock(), poll, timeout);
        progress.printf("finished in %s%n", Times.human(Duration.between(started, now())));
        progress.flush();
        if (json()) {
            printJson(action);
        }
        return failures(action);
    }

    private void printDryRun(JsonNode plan) {
        out().printf(
                        "Dry run (audit %d), nothing changed: %s%s.%n",
                        Json.number(plan, "audit_id"),
                        openDeadLetters(Json.number(plan, "matched")),
                        filter.matching());
        JsonNode outcomes = plan.path("outcomes");
        if (!outcomes.isEmpty()) {
            Table table = new Table(Table.left("OUTCOME", 30), Table.right("COUNT"));
            outcomes.properties()
                    .forEach(outcome -> table.row(outcome.getKey(), Json.number(outcomes, outcome.getKey())));
            out().println();
            out().print(table.render());
        }
        out().printf(
                        "%nA redrive would create %d new operations at %s/s, in about %s.%n",
                        Json.number(outcomes, "would_redrive"), rate(plan), Times.human(eta(plan)));
        out().flush();
    }

    /** Dead letters that failed to redrive (the gateway logs why) make the exit code 5; skips for cause do not. */
    private int failures(JsonNode action) {
        Map<String, Long> skipped = ActionProgress.skipped(action);
        long errors = skipped.getOrDefault("error", 0L);
        if (errors > 0) {
            throw ApiException.failed(
                    "REDRIVE_ERRORS",
                    errors + " dead letters could not be redriven (see the gateway log); they stay open");
        }
        return ExitCodes.OK;
    }

    private static String rate(JsonNode plan) {
        double rate = plan.path("rate_per_second").asDouble();
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }

    private static Duration eta(JsonNode plan) {
        double rate = plan.path("rate_per_second").asDouble();
        long records = Json.number(plan, "matched");
        return rate <= 0 ? Duration.ZERO : Duration.ofMillis((long) (records * 1000 / rate));
    }
}
