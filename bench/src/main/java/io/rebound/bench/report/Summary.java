package io.rebound.bench.report;

import io.rebound.bench.measure.Results;
import java.util.ArrayList;
import java.util.List;

/** The summary table: each figure with its same-run baseline, the ratio, the goal and whether it was met. */
final class Summary {

    record Row(String id, String figure, String rebound, String baseline, String ratio, String goal, String verdict) {}

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
                "p50 " + Format.ms(r.median("p2.overhead_p50_ms")) + ", p99 " + Format.ms(p2),
                "Kafka round trip p99 " + Format.ms(r.median("limits.kafka.p99_ms")),
                Format.ratio(p2 / r.median("limits.kafka.p99_ms")),
                "p99 ≤ 50 ms",
                verdict(p2, 50, false)));
        for (int concurrency : new int[] {3, 12}) {
            String key = "p3.c" + concurrency;
            double ratio = r.median(key + ".p99_ratio");
            rows.add(new Row(
                    "P3",
                    "Healthy operations' p99, 10 % failing once vs none (AI 200 ms, "
                            + Format.num(r.median(key + ".f0.rate")) + " ops/s), `REBOUND_WORKER_CONCURRENCY="
                            + concurrency + "`" + (concurrency == 3 ? " (default)" : " (tuning)"),
                    "p99 " + Format.ms(r.median(key + ".f10.p99_ms")),
                    "p99 " + Format.ms(r.median(key + ".f0.p99_ms")) + " with 0 % failing",
                    Format.ratio(ratio),
                    "≤ 1.5×",
                    verdict(ratio, 1.5, false)));
        }
        double p4 = r.median("p4.p99_ms");
        rows.add(new Row(
                "P4",
                "Last failed attempt → `failed` on SSE (" + Format.count(r.median("p4.failures")) + " per run)",
                "p50 " + Format.ms(r.median("p4.p50_ms")) + ", p99 " + Format.ms(p4),
                "Kafka round trip p99 " + Format.ms(r.median("limits.kafka.p99_ms")),
                Format.ratio(p4 / r.median("limits.kafka.p99_ms")),
                "p99 ≤ 250 ms",
                verdict(p4, 250, false)));
        double p5 = r.median("p5.p99_ms");
        rows.add(new Row(
                "P5",
                "Retry request → `processing` on SSE (" + Format.count(r.median("p5.retries")) + " retries per run)",
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
                    "AI-bound throughput, AI 500 ms, " + workers + " worker process" + (workers > 1 ? "es" : "")
                            + " × 3 threads",
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
                Format.ratio(scaling),
                Format.num(r.median("p6.w1.ops_per_s")) + " ops/s with 1 worker",
                Format.ratio(scaling),
                "≥ 1.8×",
                verdict(scaling, 1.8, true)));
        for (String service : new String[] {"gateway", "worker"}) {
            String key = "p1.mem." + service;
            rows.add(new Row(
                    "Mem",
                    (service.equals("gateway") ? "api-gateway" : "ai-worker") + " at P1 load (median of samples; max)",
                    "heap " + Format.num(r.median(key + ".heap_mb")) + " MiB ("
                            + Format.num(r.median(key + ".heap_mb.max"))
                            + "); RSS " + Format.num(r.median(key + ".rss_mb")) + " MiB ("
                            + Format.num(r.median(key + ".rss_mb.max")) + ")",
                    "",
                    "",
                    "none set",
                    r.has(key + ".heap_mb") ? "measured" : "not measured"));
        }
        return rows;
    }

    static String verdict(double value, double goal, boolean higherIsBetter) {
        if (Double.isNaN(value)) {
            return "not measured";
        }
        boolean met = higherIsBetter ? value >= goal : value <= goal;
        return met ? "met" : "**missed**";
    }
}
