package io.rebound.bench.report;

import io.rebound.bench.measure.CpuMeter;
import io.rebound.bench.measure.Results;
import io.rebound.bench.stack.RetryMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "Where Rebound is behind, and what limits it": one paragraph per figure, built from what was measured (CPU per
 * process, queue depths, latency stages), so that it stays true when the numbers change.
 */
final class Findings {

    private final Results r;
    private final int users;
    private final int nproc;

    Findings(Results results, int users, int nproc) {
        this.r = results;
        this.users = users;
        this.nproc = nproc;
    }

    List<String> all() {
        List<String> findings = new ArrayList<>();
        if (r.has("p1.ops_per_s")) {
            findings.add(new ThroughputFinding(r, users, nproc).text());
            findings.add(commitLimit());
        }
        if (r.has("p2.overhead_p99_ms")) {
            findings.add(overhead());
        }
        if (!Modes.holSettings(r).isEmpty()) {
            findings.add(headOfLine());
        }
        if (r.has("p5.p99_ms") || r.has("p4.p99_ms")) {
            findings.add(failureVisibility());
        }
        if (r.has("p6.w1.of_ideal")) {
            findings.add(scale());
        }
        for (Modes.P7 series : Modes.p7Series(r)) {
            findings.add(new SlowModelFinding(r, series, nproc).text());
        }
        if (r.has("fair.flood.others_p99_ms")) {
            findings.add(fairness());
        }
        if (r.has("auth.basic_cpu_ms")) {
            findings.add("**HTTP Basic costs about what a cookie does once its credential is verified.** The same"
                    + " `GET /api/v1/operations/{id}` on the idle gateway took "
                    + Format.ms(r.median("auth.cookie_cpu_ms"))
                    + " of gateway CPU with a session cookie and " + Format.ms(r.median("auth.basic_cpu_ms"))
                    + " with HTTP Basic: the gateway checks a Basic credential's BCrypt hash once and then takes it from"
                    + " a cache for `REBOUND_SIGN_IN_CREDENTIAL_CACHE_TTL` (keyed by an HMAC, dropped when the account's"
                    + " hash changes), so a script polling with Basic pays for one BCrypt check per TTL, not one per"
                    + " request. Wrong passwords are what BCrypt is spent on now, and sign-in throttling bounds them.");
        }
        double other = r.cpuMedian("p1").getOrDefault(CpuMeter.OTHER, 0.0);
        if (other > 0.2) {
            findings.add("**Noise.** Processes outside the bench used " + Format.num(other) + " of the " + nproc
                    + " cores during P1 (other builds on a shared machine). Every figure here competed with them;"
                    + " re-run `make bench` on a quiet machine before comparing with these numbers.");
        }
        return findings;
    }

    private String commitLimit() {
        return "**The commit limit is a CPU limit here.** The local PostgreSQL runs with fsync="
                + r.context("postgres fsync") + " and synchronous_commit=" + r.context("postgres synchronous_commit")
                + " (zonky's embedded defaults), so a commit costs no disk flush: "
                + Format.num(r.median("limits.pg.commits_per_s.c1")) + "/s on one connection. Each Rebound operation"
                + " needs at least four transactions (accept + outbox, relay marks published, processing, completed),"
                + " each several statements, plus a change-log insert, a NOTIFY and the reads behind every SSE event.";
    }

    private String overhead() {
        StringBuilder text = new StringBuilder("**P2 overhead (" + Modes.label(r, "p2") + " worker): p99 "
                + Format.ms(r.median("p2.overhead_p99_ms"))
                + " (goal ≤ 50 ms), p50 " + Format.ms(r.median("p2.overhead_p50_ms")) + "** at a target of "
                + Format.num(r.median("p2.target_ops_per_s")) + " ops/s (" + Format.runs(r.runs("p2.ops_per_s"))
                + " completed/s in the runs). Stages, p50 / p99: request → worker starts "
                + stage("p2.stage.to_worker") + " (commit, relay wake-up, publish with acks=all, consumer fetch),"
                + " attempt " + stage("p2.stage.attempt") + " (a synchronous `processing` send before the AI call),"
                + " worker done → gateway wrote it " + stage("p2.stage.back") + " (status topic, gateway consumer, a"
                + " locking transaction); the raw Kafka round trip is " + Format.ms(r.median("limits.kafka.p50_ms"))
                + " / " + Format.ms(r.median("limits.kafka.p99_ms")) + ". ");
        Map<String, Double> p1 = r.cpuMedian("p1");
        Map<String, Double> p2 = r.cpuMedian("p2");
        if (!p1.isEmpty() && !p2.isEmpty()) {
            double ops1 = r.median("p1.ops_per_s");
            double ops2 = r.median("p2.ops_per_s");
            double machine = p2.getOrDefault(CpuMeter.MACHINE, Double.NaN);
            double gateway1 = p1.getOrDefault("api-gateway", Double.NaN) / ops1 * 1000;
            double gateway2 = p2.getOrDefault("api-gateway", Double.NaN) / ops2 * 1000;
            text.append("Per operation the gateway used " + Format.ms(gateway2) + " of CPU in P2 against "
                    + Format.ms(gateway1) + " in P1, the worker "
                    + Format.ms(p2.getOrDefault("ai-worker-1", Double.NaN) / ops2 * 1000) + " against "
                    + Format.ms(p1.getOrDefault("ai-worker-1", Double.NaN) / ops1 * 1000) + ". ");
            if (gateway2 > 1.3 * gateway1) {
                text.append("Half the rate is not half the work: under saturation every poll, offset commit,"
                        + " produce request and relay transaction carries a batch, at a lower rate each carries one"
                        + " operation. ");
            }
            text.append("In P2 the machine was " + Format.percent(machine / nproc) + " busy"
                    + (machine >= 0.85 * nproc
                            ? ", so the tail is queueing for CPU rather than the pipeline's own latency."
                            : "."));
        }
        return text.toString();
    }

    private String stage(String key) {
        return Format.ms(r.median(key + "_p50_ms")) + " / " + Format.ms(r.median(key + "_p99_ms"));
    }

    private String headOfLine() {
        List<Modes.Hol> settings = Modes.holSettings(r);
        StringBuilder text = new StringBuilder(
                "**P3 head-of-line: healthy p99 with 10 % of operations failing once," + " against none, is ");
        List<String> ratios = new ArrayList<>();
        for (Modes.Hol hol : settings) {
            ratios.add(Format.ratio(r.median(hol.key() + ".p99_ratio")) + " " + Modes.label(r, hol.key())
                    + " (concurrency " + hol.concurrency() + ", p99 " + Format.ms(r.median(hol.key() + ".f10.p99_ms"))
                    + " against " + Format.ms(r.median(hol.key() + ".f0.p99_ms")) + ")");
        }
        text.append(String.join("; ", ratios)).append(" (goal ≤ 1.5× in the default, non-blocking mode).** ");
        for (Modes.Hol hol : settings) {
            String key = hol.key();
            double retried = r.median(key + ".f10.retry_topic_records");
            String topic = Double.isNaN(retried)
                    ? ""
                    : retried < 0
                            ? " (`operations.requested-retry` does not exist)"
                            : " (" + Format.count(retried) + " records went through `operations.requested-retry` per"
                                    + " run)";
            if (hol.mode() == RetryMode.BLOCKING || !Modes.supportsNonBlocking(r)) {
                double failing = r.median(key + ".f10.rate") * 0.10;
                double blocked = 1.0 + 0.1 + 0.2; // back-off with jitter, plus the failed attempt's AI latency
                int threads = hol.concurrency();
                text.append("Blocking, concurrency " + threads + topic + ": the back-off after a failed attempt"
                        + " sleeps on the consumer thread (spring-kafka's `DefaultErrorHandler`), and that thread's"
                        + " other partitions wait too (12 partitions over " + threads + " threads: "
                        + Format.num(12.0 / threads) + " each). At " + Format.num(failing) + " failing operations/s"
                        + " each stalling a thread for about " + Format.num(blocked) + " s, the share of partitions"
                        + " stalled at any moment is about rate × stall / threads = "
                        + Format.percent(failing * blocked / threads) + "; a p99 is the slowest 1 %, so it lands"
                        + " behind a sleeping thread unless that share is well under 1 %. Healthy p50 / p95 / p99 "
                        + Format.ms(r.median(key + ".f10.p50_ms")) + " / " + Format.ms(r.median(key + ".f10.p95_ms"))
                        + " / " + Format.ms(r.median(key + ".f10.p99_ms")) + ". ");
            } else {
                text.append("Non-blocking, concurrency " + hol.concurrency() + topic + ": a failed attempt goes to"
                        + " `operations.requested-retry` with its due time and the partition moves on, and the AI calls"
                        + " of healthy operations do not wait for a consumer thread either (up to the in-flight"
                        + " limit run at once). Healthy p50 / p95 / p99 " + Format.ms(r.median(key + ".f10.p50_ms"))
                        + " / " + Format.ms(r.median(key + ".f10.p95_ms")) + " / "
                        + Format.ms(r.median(key + ".f10.p99_ms")) + " with failures, "
                        + Format.ms(r.median(key + ".f0.p50_ms")) + " / " + Format.ms(r.median(key + ".f0.p95_ms"))
                        + " / " + Format.ms(r.median(key + ".f0.p99_ms")) + " without. ");
                double ratio = r.median(key + ".p99_ratio");
                if (ratio > 1.5) {
                    text.append("The goal is missed: what is left of the stall is not the back-off; compare the"
                            + " runs in the P3 table (a p99 of about 90 operations is their second slowest, so one"
                            + " slow operation moves it). ");
                }
            }
        }
        return text.toString().trim();
    }

    private String failureVisibility() {
        StringBuilder text = new StringBuilder("**P4/P5 visibility (" + Modes.label(r, "p4")
                + " worker): a failure shows on SSE at p50 "
                + Format.ms(r.median("p4.p50_ms")) + ", p99 " + Format.ms(r.median("p4.p99_ms"))
                + " after the last attempt (goal p99 ≤ 250 ms); a retry shows `processing` at p50 "
                + Format.ms(r.median("p5.p50_ms")) + ", p99 " + Format.ms(r.median("p5.p99_ms"))
                + " (goal p99 ≤ 150 ms).** ");
        double toDb = r.median("p4.stage.dead_letter_to_db_p99_ms");
        if (!Double.isNaN(toDb)) {
            text.append("Split at the database write, P4 is dead letter published → `failed` written p50 "
                    + Format.ms(r.median("p4.stage.dead_letter_to_db_p50_ms")) + ", p99 " + Format.ms(toDb)
                    + ", then written → on the stream p50 " + Format.ms(r.median("p4.stage.db_to_sse_p50_ms"))
                    + ", p99 " + Format.ms(r.median("p4.stage.db_to_sse_p99_ms")) + ". ");
            if (toDb > 400 && toDb < 650) {
                text.append("A p99 near 500 ms with a small median is the signature of a request waiting out a parked"
                        + " fetch (`fetch.max.wait.ms`, 500 ms by default). ");
            } else {
                text.append("Before the dead letter is sent, spring-kafka's recoverer by default asks the consumer for"
                        + " the dead-letter topic's partitions; that metadata request queued behind the consumer's"
                        + " parked fetch and delayed one failure in four by up to 500 ms (p99 about 510 ms). The"
                        + " worker skips the check (`setVerifyPartition(false)`; the topics are declared with the same"
                        + " partition count). ");
            }
        }
        text.append("P5 crosses more hops (outbox → `operations.requested` → worker → `operations.status` →"
                + " gateway), but on busy topics; both end with a transaction, a NOTIFY and the single"
                + " `live-updates` thread that reads every change back before writing it to the open streams.");
        return text.toString();
    }

    private String fairness() {
        double limit = r.median("fair.flood.in_flight_limit");
        double inFlight = r.median("fair.flood.in_flight_p50");
        double throughput = r.median("fair.flood.ops_per_s");
        double outstanding = r.median("fair.flood.outstanding");
        // Under one FIFO queue over everything held, a new operation would wait for the queue ahead of it.
        double fifoWaitMs = Math.max(0, outstanding - inFlight) / throughput * 1000;
        StringBuilder text = new StringBuilder("**Fairness (" + Modes.label(r, "fair") + " worker): while one user"
                + " keeps " + r.context("fair_flood") + " operations outstanding, the other " + r.context("fair_users")
                + " users' operations took p50 " + Format.ms(r.median("fair.flood.others_p50_ms")) + ", p99 "
                + Format.ms(r.median("fair.flood.others_p99_ms")) + ", against p50 "
                + Format.ms(r.median("fair.alone.others_p50_ms")) + ", p99 "
                + Format.ms(r.median("fair.alone.others_p99_ms")) + " alone ("
                + Format.ratio(r.median("fair.p50_ratio")) + " and " + Format.ratio(r.median("fair.p99_ratio"))
                + ").** ");
        text.append("The policy: records the worker holds are started round-robin across their `requested_by` users,"
                + " so a user with one record waiting gets the next free slot however many the flooder has waiting;"
                + " within a partition records arrive in order (FIFO), so fairness reaches only as far as what the"
                + " worker has fetched. ");
        if (!Double.isNaN(inFlight)) {
            text.append("During the flood the worker had " + Format.whole(inFlight) + " calls in flight (limit "
                    + Format.whole(limit) + ")"
                    + (r.has("fair.flood.waiting_p50")
                            ? " and " + Format.num(r.median("fair.flood.waiting_p50")) + " records waiting for a slot"
                            : "")
                    + ", completing " + Format.num(throughput) + " ops/s. One FIFO queue over the "
                    + Format.count(outstanding) + " outstanding operations would have kept a newcomer about "
                    + Format.ms(fifoWaitMs) + " behind the flood; the others' median moved by "
                    + Format.ms(r.median("fair.flood.others_p50_ms") - r.median("fair.alone.others_p50_ms"))
                    + ". ");
        }
        return text.toString().trim();
    }

    private String scale() {
        StringBuilder text = new StringBuilder("**P6 scaling (" + Modes.label(r, "p6") + " workers): "
                + Format.ratio(r.median("p6.w1.of_ideal")) + " of ideal with one worker, "
                + Format.ratio(r.median("p6.w2.of_ideal")) + " with two, " + Format.ratio(r.median("p6.scaling"))
                + " from one to two (goals ≥ 0.9× and ≥ 1.8×).** ");
        if (!Modes.nonBlocking(r, "p6")) {
            text.append("P6 runs blocking on purpose (`BENCH_P6_RETRY_MODE`): its ideal, consumer threads / AI"
                    + " latency, is that model's, and it shows how well the partitions keep the threads busy; the"
                    + " non-blocking model's scaling is P7's. ");
        }
        double listener = r.median("p6.w1.listener_ms");
        if (!Double.isNaN(listener)) {
            double busy1 = Math.min(1, r.median("p6.w1.ops_per_s") * listener / 3000);
            double busy2 = Math.min(1, r.median("p6.w2.ops_per_s") * r.median("p6.w2.listener_ms") / 6000);
            text.append("The workers' own timers: per record the listener took " + Format.ms(listener) + " with one"
                    + " worker (" + Format.ms(r.median("p6.w2.listener_ms")) + " with two), of which the AI call "
                    + Format.ms(r.median("p6.w1.ai_call_ms")) + " against the simulator's 500 ms; the rest is the"
                    + " synchronous `processing` and `completed` sends around the call. The consumer threads were busy "
                    + Format.percent(busy1) + " of the time with one worker and " + Format.percent(busy2)
                    + " with two. ");
        }
        int users = Integer.parseInt(r.context("p6_users"));
        text.append("What idle time there is comes from the partitioning: work is bound to a partition, and a thread"
                + " whose partitions happen to be empty cannot take records from a busy one. With N operations spread at"
                + " random over K threads, a thread is empty roughly (K−1)/(N+K−1) of the time: with the "
                + users + " users here about " + Format.percent(2.0 / (users + 2)) + " for 3 threads and "
                + Format.percent(5.0 / (users + 5)) + " for 6. Below saturation the same binding shows as queueing:"
                + " an operation waits behind another one on its thread while other threads idle (P3 without faults,"
                + " concurrency 3, blocking, 200 ms AI: healthy p99 "
                + Format.ms(r.median("p3." + RetryMode.BLOCKING.key() + ".c3.f0.p99_ms")) + ").");
        return text.toString();
    }
}
