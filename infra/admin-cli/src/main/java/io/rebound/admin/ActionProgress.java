package io.rebound.admin;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A redrive's or discard's record in the audit trail ({@code GET .../actions/{id}}): how far it got, what it skipped
 * and why, and whether it finished. Any gateway answers, so following works behind a load balancer.
 */
final class ActionProgress {

    private ActionProgress() {}

    static String path(long auditId) {
        return AdminApi.DEAD_LETTERS + "/actions/" + auditId;
    }

    static boolean finished(JsonNode action) {
        return Json.text(action, "finished_at") != null;
    }

    /** Skip reasons and counts from the {@code detail} column, which holds {@code {"skipped":{...}}} as a JSON string. */
    static Map<String, Long> skipped(JsonNode action) {
        JsonNode detail = action.path("detail");
        JsonNode parsed = detail.isString() ? Json.parseOrNull(detail.asString()) : detail;
        Map<String, Long> skipped = new TreeMap<>();
        if (parsed != null) {
            JsonNode reasons = parsed.path("skipped");
            reasons.properties().forEach(reason -> skipped.put(reason.getKey(), Json.number(reasons, reason.getKey())));
        }
        return skipped;
    }

    /** {@code redriven 12/50, skipped {already_retried=1}}. */
    static String line(JsonNode action) {
        return verb(action) + " " + Json.number(action, "affected") + "/" + Json.number(action, "matched")
                + ", skipped " + skipped(action);
    }

    private static String verb(JsonNode action) {
        String name = Json.text(action, "action");
        if ("REDRIVE".equals(name)) {
            return "redriven";
        }
        return "DISCARD".equals(name) ? "discarded" : "affected";
    }

    /**
     * Polls the action until it finishes, printing a progress line whenever it moved; returns the finished record.
     *
     * @throws ApiException when it is still running after {@code timeout}
     */
    static JsonNode follow(
            AdminApi api, long auditId, PrintWriter progress, Clock clock, Duration poll, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        String last = null;
        while (true) {
            JsonNode action = api.get(path(auditId));
            String line = line(action);
            if (!line.equals(last)) {
                progress.println(line);
                progress.flush();
                last = line;
            }
            if (finished(action)) {
                return action;
            }
            if (clock.instant().isAfter(deadline)) {
                throw ApiException.failed(
                        "WAIT_TIMEOUT",
                        "action " + auditId + " is still running after " + Times.human(timeout)
                                + "; follow it with: rebound-admin dlt action " + auditId);
            }
            pause(poll);
        }
    }

    private static void pause(Duration poll) {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.failed("INTERRUPTED", "stopped waiting; the action goes on in the gateway");
        }
    }
}
