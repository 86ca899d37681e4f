package io.rebound.bench.report;

import io.rebound.bench.measure.CpuMeter;
import io.rebound.bench.measure.Results;
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
        if (r.has("p3.c3.p99_ratio")) {
            findings.add(headOfLine());
        }
        if (r.has("p5.p99_ms") || r.has("p4.p99_ms")) {
            findings.add(failureVisibility());
        }
        if (r.has("p6.w1.of_ideal")) {
            findings.add(scale());
        }
        if (r.has("auth.basic_cpu_ms")) {
            findings.add(
                    "**HTTP Basic costs a BCrypt check per request.** The same `GET /api/v1/operations/{id}` on the"
                            + " idle gateway took " + Format.ms(r.median("auth.cookie_cpu_ms"))
                            + " of gateway CPU with a session"
                            + " cookie and " + Format.ms(r.median("auth.basic_cpu_ms"))
                            + " with HTTP Basic, so one core serves"
                            + " about " + Format.num(1000 / r.median("auth.basic_cpu_ms"))
                            + " Basic requests/s. Scripts and"
                            + " services that poll with Basic (as the README's curl examples do) are the cheapest way to"
                            + " saturate a gateway; the bench's users sign in once like the SPA.");
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
        StringBuilder text = new StringBuilder("**P2 overhead: p99 " + Format.ms(r.median("p2.overhead_p99_ms"))
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
        double rate = r.median("p3.c3.f10.rate");
        double failing = rate * 0.10;
        double blocked = 1.0 + 0.1 + 0.2; // back-off with jitter, plus the failed attempt's AI latency
        StringBuilder text = new StringBuilder("**P3 head-of-line: healthy p99 is "
                + Format.ratio(r.median("p3.c3.p99_ratio")) + " with the default concurrency 3 and "
                + Format.ratio(r.median("p3.c12.p99_ratio")) + " with concurrency 12 (goal ≤ 1.5×).** ");
        text.append("The back-off after a failed attempt sleeps on the consumer thread (spring-kafka's"
                + " `DefaultErrorHandler`), and that thread's other partitions wait too: with 12 partitions and"
                + " concurrency 3 each thread owns 4, with concurrency 12 one. At " + Format.num(failing)
                + " failing operations/s each stalling a thread for about " + Format.num(blocked)
                + " s, the share of partitions stalled at any moment is about rate × stall / threads = "
                + Format.percent(failing * blocked / 3) + " with 3 threads and "
                + Format.percent(failing * blocked / 12)
                + " with 12. A p99 is the slowest 1 %, so it lands behind a sleeping thread unless that share is well"
                + " under 1 %. More concurrency (up to the partition count) shrinks the stall: healthy p50 "
                + Format.ms(r.median("p3.c3.f10.p50_ms")) + " → " + Format.ms(r.median("p3.c12.f10.p50_ms"))
                + ", p95 " + Format.ms(r.median("p3.c3.f10.p95_ms")) + " → " + Format.ms(r.median("p3.c12.f10.p95_ms"))
                + ", p99 " + Format.ms(r.median("p3.c3.f10.p99_ms")) + " → " + Format.ms(r.median("p3.c12.f10.p99_ms"))
                + (r.median("p3.c3.f10.p50_ms") > 1.2 * r.median("p3.c3.f0.p50_ms")
                        ? " (with 3 threads the stalls also cost capacity: even the healthy median moved). "
                        : ". "));
        if (r.median("p3.c12.p99_ratio") > 1.5) {
            text.append("It cannot bring the p99 to 1.5× at this failure rate. Getting there needs retries that do"
                    + " not hold a partition: non-blocking retry topics (`@RetryableTopic`) or a delayed re-publish,"
                    + " at the price of per-key ordering, which operations (keyed by their own id) do not need; or"
                    + " many more partitions and threads than the 12 and 3 of today.");
        } else {
            text.append("With one partition per thread the goal is met at this failure rate.");
        }
        return text.toString();
    }

    private String failureVisibility() {
        StringBuilder text = new StringBuilder("**P4/P5 visibility: a failure shows on SSE at p50 "
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

    private String scale() {
        StringBuilder text = new StringBuilder("**P6 scaling: " + Format.ratio(r.median("p6.w1.of_ideal"))
                + " of ideal with one worker, " + Format.ratio(r.median("p6.w2.of_ideal")) + " with two, "
                + Format.ratio(r.median("p6.scaling")) + " from one to two (goals ≥ 0.9× and ≥ 1.8×).** ");
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
                + " concurrency 3, 200 ms AI: healthy p99 " + Format.ms(r.median("p3.c3.f0.p99_ms")) + ").");
        return text.toString();
    }
}
