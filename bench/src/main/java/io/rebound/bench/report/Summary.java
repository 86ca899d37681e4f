package io.rebound.bench.report;

import io.rebound.bench.measure.Results;
import io.rebound.bench.stack.RetryMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The summary table: each figure with the worker's retry mode it was measured in, its same-run baseline, the ratio,
 * the goal and whether it was met.
 */
final class Summary {

    record Row(
            String id,
            String figure,
            String mode,
            String rebound,
            String baseline,
            String ratio,
            String goal,
            String verdict) {}

    private final Results r;
    private final int users;

    Summary(Results results, int users) {
        this.r = results;
        this.users = users;
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String commit = "limits.pg.commits_per_s.c" + users;
        rows.add(new Row(
                "Limit",
                "Kafka produce→consume round trip (acks=all, idempotent, 1 KB JSON, " + users + " in flight)",
                "—",
                "—",
                Format.num(r.median("limits.kafka.records_per_s")) + " records/s; p50 "
                        + Format.ms(r.median("limits.kafka.p50_ms")) + ", p99 "
                        + Format.ms(r.median("limits.kafka.p99_ms")),
                "",
                "",
                "baseline"));
        rows.add(new Row(
                "Limit",
                "PostgreSQL single-row insert+commit, plain JDBC",
                "—",
                "—",
                Format.num(r.median("limits.pg.commits_per_s.c1")) + "/s with 1 connection; "
                        + Format.num(r.median(commit)) + "/s with " + users,
                "",
                "",
                "baseline"));
        double p1 = r.median("p1.ops_per_s");
        double p1Ratio = p1 / r.median(commit);
        rows.add(new Row(
                "P1",
                "Throughput, AI 0 ms, " + users + " closed-loop users (accepted → `completed` in the DB)",
                Modes.label(r, "p1"),
                Format.num(p1) + " ops/s",
                "commit limit " + Format.num(r.median(commit)) + "/s (" + users + " connections)",
                Format.ratio(p1Ratio),
                "≥ 0.25×",
                verdict(p1Ratio, 0.25, true)));
        double p2 = r.median("p2.overhead_p99_ms");
        rows.add(new Row(
                "P2",
                "Overhead (finished_at − created_at − AI latency) at half of P1's rate (target "
                        + Format.num(r.median("p2.target_ops_per_s")) + " ops/s, achieved "
                        + Format.num(r.median("p2.ops_per_s")) + ")",
                Modes.label(r, "p2"),
                "p50 " + Format.ms(r.median("p2.overhead_p50_ms")) + ", p99 " + Format.ms(p2),
                "Kafka round trip p99 " + Format.ms(r.median("limits.kafka.p99_ms")),
                Format.ratio(p2 / r.median("limits.kafka.p99_ms")),
                "p99 ≤ 50 ms",
                verdict(p2, 50, false)));
        for (Modes.Hol hol : Modes.holSettings(r)) {
            String key = hol.key();
            double ratio = r.median(key + ".p99_ratio");
            boolean goal = hol.mode() == RetryMode.NON_BLOCKING;
            rows.add(new Row(
                    "P3",
                    "Healthy operations' p99, 10 % failing once vs none (AI 200 ms, "
                            + Format.num(r.median(key + ".f0.rate")) + " ops/s), `REBOUND_WORKER_CONCURRENCY="
                            + hol.concurrency() + "`",
                    Modes.label(r, key),
                    "p99 " + Format.ms(r.median(key + ".f10.p99_ms")),
                    "p99 " + Format.ms(r.median(key + ".f0.p99_ms")) + " with 0 % failing",
                    Format.ratio(ratio),
                    goal ? "≤ 1.5×" : "none (the old model, for comparison)",
                    goal ? verdict(ratio, 1.5, false) : measured(ratio)));
        }
        double p4 = r.median("p4.p99_ms");
        rows.add(new Row(
                "P4",
                "Last failed attempt → `failed` on SSE (" + Format.count(r.median("p4.failures")) + " per run)",
                Modes.label(r, "p4"),
                "p50 " + Format.ms(r.median("p4.p50_ms")) + ", p99 " + Format.ms(p4),
                "Kafka round trip p99 " + Format.ms(r.median("limits.kafka.p99_ms")),
                Format.ratio(p4 / r.median("limits.kafka.p99_ms")),
                "p99 ≤ 250 ms",
                verdict(p4, 250, false)));
        double p5 = r.median("p5.p99_ms");
        rows.add(new Row(
                "P5",
                "Retry request → `processing` on SSE (" + Format.count(r.median("p5.retries")) + " retries per run)",
                Modes.label(r, "p5"),
                "p50 " + Format.ms(r.median("p5.p50_ms")) + ", p99 " + Format.ms(p5),
                "Kafka round trip p99 " + Format.ms(r.median("limits.kafka.p99_ms")),
                Format.ratio(p5 / r.median("limits.kafka.p99_ms")),
                "p99 ≤ 150 ms",
                verdict(p5, 150, false)));
        for (int workers = 1; workers <= 2; workers++) {
            String key = "p6.w" + workers;
            double ofIdeal = r.median(key + ".of_ideal");
            rows.add(new Row(
                    "P6",
                    "AI-bound throughput, AI 500 ms, " + workers + " worker process" + (workers > 1 ? "es" : "") + " ("
                            + Format.count(r.median(key + ".capacity")) + " AI calls at a time in all)",
                    Modes.label(r, "p6"),
                    Format.num(r.median(key + ".ops_per_s")) + " ops/s",
                    "ideal " + Format.num(r.median(key + ".ideal_ops_per_s")) + " ops/s",
                    Format.ratio(ofIdeal),
                    "≥ 0.9×",
                    verdict(ofIdeal, 0.9, true)));
        }
        double scaling = r.median("p6.scaling");
        rows.add(new Row(
                "P6",
                "Scaling from 1 to 2 worker processes in one consumer group",
                Modes.label(r, "p6"),
                Format.ratio(scaling),
                Format.num(r.median("p6.w1.ops_per_s")) + " ops/s with 1 worker",
                Format.ratio(scaling),
                "≥ 1.8×",
                verdict(scaling, 1.8, true)));
        for (Modes.P7 series : Modes.p7Series(r)) {
            p7(rows, series);
        }
        fairness(rows);
        for (String service : new String[] {"gateway", "worker"}) {
            String key = "p1.mem." + service;
            rows.add(new Row(
                    "Mem",
                    (service.equals("gateway") ? "api-gateway" : "ai-worker") + " at P1 load (median of samples; max)",
                    Modes.label(r, "p1"),
                    memory(key),
                    "",
                    "",
                    "none set",
                    r.has(key + ".heap_mb") ? "measured" : "not measured"));
        }
        return rows;
    }

    private void p7(List<Row> rows, Modes.P7 series) {
        String base = series.key();
        String label = Modes.label(r, base);
        String entry = series.entry().label();
        boolean nonBlocking = series.mode() == RetryMode.NON_BLOCKING;
        String latency = Format.seconds(Double.parseDouble(orZero(r.context("p7_ai_latency_ms"))));
        String w1 = base + ".w1";
        if (r.has(w1 + ".ops_per_s")) {
            double inFlight = r.median(w1 + ".in_flight_p50");
            rows.add(new Row(
                    "P7",
                    "AI calls in flight, 1 worker, AI " + latency + ", " + Format.count(r.median(w1 + ".users"))
                            + " closed-loop " + entry + " (median; p10 of 200 ms samples)",
                    label,
                    Format.whole(inFlight) + " (p10 " + Format.whole(r.median(w1 + ".in_flight_p10")) + ")",
                    "limit " + Format.count(r.median(w1 + ".capacity")) + " calls at a time",
                    Format.ratio(inFlight / r.median(w1 + ".capacity")),
                    nonBlocking ? "≥ 200" : "none (the old model: one call per thread)",
                    nonBlocking ? verdict(inFlight, 200, true) : measured(inFlight)));
        }
        for (int workers = 1; workers <= 2; workers++) {
            String key = base + ".w" + workers;
            if (!r.has(key + ".ops_per_s")) {
                continue;
            }
            double little = r.median(key + ".little_ratio");
            rows.add(new Row(
                    "P7",
                    "Throughput, " + workers + " worker" + (workers > 1 ? "s" : "") + ", "
                            + Format.count(r.median(key + ".users")) + " " + entry + ", against in flight / " + latency
                            + " (" + Format.whole(r.median(key + ".in_flight_p50")) + " calls in flight)",
                    label,
                    Format.num(r.median(key + ".ops_per_s")) + " ops/s",
                    Format.num(r.median(key + ".in_flight_p50")
                                    / (Double.parseDouble(orZero(r.context("p7_ai_latency_ms"))) / 1000))
                            + " ops/s",
                    Format.ratio(little),
                    "≥ 0.9×",
                    verdict(little, 0.9, true)));
        }
        if (r.has(base + ".scaling")) {
            double scaling = r.median(base + ".scaling");
            rows.add(new Row(
                    "P7",
                    "Scaling from 1 to 2 workers (" + Format.count(r.median(base + ".w1.users")) + " → "
                            + Format.count(r.median(base + ".w2.users")) + " " + entry + ")",
                    label,
                    Format.num(r.median(base + ".w2.ops_per_s")) + " ops/s",
                    Format.num(r.median(base + ".w1.ops_per_s")) + " ops/s with 1 worker",
                    Format.ratio(scaling),
                    "≥ 1.8×",
                    verdict(scaling, 1.8, true)));
        }
        if (r.has(w1 + ".mem.worker.heap_mb")) {
            rows.add(new Row(
                    "Mem",
                    "ai-worker at P7 load, 1 worker, " + Format.count(r.median(w1 + ".users")) + " " + entry
                            + " (median of samples; max)",
                    label,
                    memory(w1 + ".mem.worker"),
                    r.has("p1.mem.worker.heap_mb") ? "P1 load: " + memory("p1.mem.worker") : "",
                    "",
                    "none set",
                    "measured"));
        }
    }

    private void fairness(List<Row> rows) {
        if (!r.has("fair.flood.others_p99_ms")) {
            return;
        }
        double ratio = r.median("fair.p99_ratio");
        rows.add(new Row(
                "Fair",
                "Latency of " + r.context("fair_users") + " users asking one at a time while one user keeps "
                        + r.context("fair_flood") + " operations outstanding (1 worker, AI "
                        + Format.seconds(Double.parseDouble(orZero(r.context("p7_ai_latency_ms")))) + ")",
                Modes.label(r, "fair"),
                "p50 " + Format.ms(r.median("fair.flood.others_p50_ms")) + ", p99 "
                        + Format.ms(r.median("fair.flood.others_p99_ms")),
                "alone: p50 " + Format.ms(r.median("fair.alone.others_p50_ms")) + ", p99 "
                        + Format.ms(r.median("fair.alone.others_p99_ms")),
                Format.ratio(ratio),
                "none set",
                measured(ratio)));
    }

    private String memory(String key) {
        return "heap " + Format.num(r.median(key + ".heap_mb")) + " MiB (" + Format.num(r.median(key + ".heap_mb.max"))
                + "); RSS " + Format.num(r.median(key + ".rss_mb")) + " MiB ("
                + Format.num(r.median(key + ".rss_mb.max"))
                + ")";
    }

    static String orZero(String value) {
        return value == null || value.isBlank() ? "0" : value;
    }

    static String measured(double value) {
        return Double.isNaN(value) ? "not measured" : "measured";
    }

    static String verdict(double value, double goal, boolean higherIsBetter) {
        if (Double.isNaN(value)) {
            return "not measured";
        }
        boolean met = higherIsBetter ? value >= goal : value <= goal;
        return met ? "met" : "**missed**";
    }
}
