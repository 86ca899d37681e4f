package io.rebound.bench.report;

import io.rebound.bench.load.Entry;
import io.rebound.bench.measure.CpuMeter;
import io.rebound.bench.measure.Results;
import io.rebound.bench.stack.RetryMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The P7 paragraph of one retry mode and way in: calls in flight, throughput against Little's law, scaling to two workers, the
 * worker's memory, and for each setting what limited it, decided from what was sampled (in-flight against the limit,
 * the machine's CPU, operations waiting for a worker, the users).
 */
final class SlowModelFinding {

    private static final String LOAD_GENERATOR = "bench (load generator)";

    private final Results r;
    private final RetryMode mode;
    private final Entry entry;
    private final int nproc;
    private final String base;
    private final double latencyS;

    SlowModelFinding(Results results, Modes.P7 series, int nproc) {
        this.r = results;
        this.mode = series.mode();
        this.entry = series.entry();
        this.nproc = nproc;
        this.base = series.key();
        this.latencyS = Double.parseDouble(Summary.orZero(results.context("p7_ai_latency_ms"))) / 1000;
    }

    String text() {
        String w1 = base + ".w1";
        String w2 = base + ".w2";
        StringBuilder text = new StringBuilder("**P7 slow model (AI " + Format.seconds(latencyS * 1000) + "), "
                + Modes.label(r, base) + ", " + entry.label() + ":");
        if (r.has(w1 + ".ops_per_s")) {
            text.append(" one worker with " + Format.count(r.median(w1 + ".users")) + " " + entry.clients() + " kept "
                    + Format.whole(r.median(w1 + ".in_flight_p50")) + " AI calls in flight (median of samples every"
                    + " 200 ms; p10 " + Format.whole(r.median(w1 + ".in_flight_p10")) + ", limit "
                    + Format.count(r.median(w1 + ".capacity")) + ")"
                    + (mode == RetryMode.NON_BLOCKING ? " (goal ≥ 200)" : "") + " and completed "
                    + Format.num(r.median(w1 + ".ops_per_s")) + " ops/s, "
                    + Format.ratio(r.median(w1 + ".little_ratio")) + " of in flight / latency (goal ≥ 0.9×)");
        }
        if (r.has(w2 + ".ops_per_s")) {
            text.append("; two workers with " + Format.count(r.median(w2 + ".users")) + " " + entry.clients() + " "
                    + Format.whole(r.median(w2 + ".in_flight_p50")) + " in flight, "
                    + Format.num(r.median(w2 + ".ops_per_s")) + " ops/s"
                    + (r.has(base + ".scaling")
                            ? ", " + Format.ratio(r.median(base + ".scaling")) + " of one (goal ≥ 1.8×)"
                            : ""));
        }
        text.append(".** ");
        if (mode == RetryMode.BLOCKING) {
            text.append("This is the old model's baseline: one call per consumer thread, so calls in flight are the"
                    + " threads (3 per worker) and only " + r.context("p7_blocking_users") + " " + entry.clients()
                    + " per worker are"
                    + " needed to keep them busy (more would only queue: at this rate a user waits for every other"
                    + " user's call). ");
        }
        for (int workers = 1; workers <= 2; workers++) {
            String key = base + ".w" + workers;
            if (r.has(key + ".ops_per_s")) {
                text.append("What limits it with " + workers + " worker" + (workers > 1 ? "s" : "") + ": ")
                        .append(limit(key, workers))
                        .append(' ');
                text.append(little(key));
            }
        }
        text.append(memory(w1, w2));
        return text.toString().trim();
    }

    /** Which of the limits was reached, from the samples of the measured windows. */
    private String limit(String key, int workers) {
        double inFlight = r.median(key + ".in_flight_p50");
        double capacity = r.median(key + ".capacity");
        double users = r.median(key + ".users");
        // Services' requests reach the database only with their first status event: what waits is the topic's lag.
        double pending =
                entry == Entry.GATEWAY ? r.median(key + ".queue.ops_pending") : r.median(key + ".queue.worker_lag");
        String queued = entry == Entry.GATEWAY ? "operations `pending`" : "records not yet read by a worker";
        double waiting = r.median(key + ".waiting_p50");
        Map<String, Double> cpu = r.cpuMedian(key);
        double machine = cpu.getOrDefault(CpuMeter.MACHINE, Double.NaN);
        double other = cpu.getOrDefault(CpuMeter.OTHER, 0.0);
        String busy = "the machine was " + Format.percent(machine / nproc) + " busy (" + cpuByProcess(cpu)
                + (other > 0.2 && other <= 0.25 * nproc
                        ? "; " + Format.num(other) + " cores went to processes outside the bench"
                        : "")
                + ")";
        StringBuilder text = new StringBuilder();
        if (!Double.isNaN(inFlight) && inFlight >= 0.95 * capacity) {
            text.append("the in-flight limit: " + Format.whole(inFlight) + " of " + Format.count(capacity)
                    + " calls ran; the other " + entry.clients() + "' operations waited for a slot"
                    + (Double.isNaN(waiting) ? "" : " (" + Format.whole(waiting) + " records held by the worker)")
                    + (Double.isNaN(pending) ? "" : ", " + Format.whole(pending) + " " + queued + " in all")
                    + "; " + busy + ".");
        } else if (machine >= 0.85 * nproc && other <= 0.25 * nproc) {
            text.append("the CPU: " + busy + ", so "
                    + (entry == Entry.GATEWAY
                            ? "neither the gateway nor the load generator"
                            : "neither the broker nor the load generator")
                    + " could offer more operations though the workers had room (" + Format.whole(inFlight) + " of "
                    + Format.count(capacity) + " calls).");
        } else if (!Double.isNaN(pending) && pending < 0.1 * users && (Double.isNaN(waiting) || waiting < 1)) {
            text.append("the load: " + Format.count(users) + " " + entry.clients() + ", of which "
                    + Format.whole(inFlight)
                    + " had a call running and the rest were between requests or on their way through "
                    + (entry == Entry.GATEWAY ? "the gateway and Kafka" : "Kafka") + " (" + Format.whole(pending)
                    + " " + queued + ", a round trip p50 "
                    + Format.ms(r.median(key + ".client_p50_ms")) + " for a " + Format.seconds(latencyS * 1000)
                    + " call); "
                    + busy + ". More users would raise it.");
        } else {
            text.append("the worker started fewer calls than it may: " + Format.whole(inFlight) + " of "
                    + Format.count(capacity) + " in flight while " + Format.whole(pending)
                    + " " + queued
                    + (Double.isNaN(waiting) ? "" : " and " + Format.whole(waiting) + " records waited in the worker")
                    + " (lag on `operations.requested` " + Format.whole(r.median(key + ".queue.worker_lag"))
                    + " records); " + busy + ". The TCP connections to the simulator, "
                    + Format.whole(r.median(key + ".simulator_connections_p50"))
                    + ", are what its HTTP client kept open.");
        }
        if (other > 0.25 * nproc) {
            text.append(" Processes outside the bench took " + Format.num(other) + " of the " + nproc
                    + " cores meanwhile: the figure says little about Rebound; re-run on a quiet machine.");
        }
        double p1 = r.median("p1.ops_per_s");
        double ideal = r.median(key + ".ideal_ops_per_s");
        if (entry == Entry.GATEWAY && workers == 2 && !Double.isNaN(p1) && ideal > 0.9 * p1) {
            text.append(" The ideal here, " + Format.num(ideal) + " ops/s, is about what the whole stack completed in"
                    + " P1 with an instant AI (" + Format.num(p1) + " ops/s, CPU-bound): on this machine the"
                    + " gateway's and database's CPU per operation, not the workers, cap two workers.");
        }
        return text.toString();
    }

    private String little(String key) {
        double ratio = r.median(key + ".little_ratio");
        if (Double.isNaN(ratio) || ratio >= 0.9) {
            return "";
        }
        return "Throughput is below in flight / latency (" + Format.ratio(ratio) + "): the calls took longer than "
                + Format.seconds(latencyS * 1000) + " (the workers' AI-call timer: "
                + Format.ms(r.median(key + ".ai_call_ms"))
                + ") or the gauge counts calls that were not on the wire ("
                + Format.whole(r.median(key + ".simulator_connections_p50"))
                + " connections to the simulator). ";
    }

    private String memory(String w1, String w2) {
        if (!r.has(w1 + ".mem.worker.heap_mb")) {
            return "";
        }
        StringBuilder text = new StringBuilder("Memory per worker (median of samples every 3 s; max): heap "
                + Format.num(r.median(w1 + ".mem.worker.heap_mb")) + " MiB ("
                + Format.num(r.median(w1 + ".mem.worker.heap_mb.max")) + "), RSS "
                + Format.num(r.median(w1 + ".mem.worker.rss_mb")) + " MiB ("
                + Format.num(r.median(w1 + ".mem.worker.rss_mb.max")) + ") with one worker");
        if (r.has(w2 + ".mem.worker2.heap_mb")) {
            text.append("; with two, heap " + Format.num(r.median(w2 + ".mem.worker.heap_mb")) + " and "
                    + Format.num(r.median(w2 + ".mem.worker2.heap_mb")) + " MiB, RSS "
                    + Format.num(r.median(w2 + ".mem.worker.rss_mb")) + " and "
                    + Format.num(r.median(w2 + ".mem.worker2.rss_mb")) + " MiB");
        }
        if (r.has("p1.mem.worker.heap_mb")) {
            text.append("; at P1's load (AI 0 ms, " + Modes.label(r, "p1") + ") heap "
                    + Format.num(r.median("p1.mem.worker.heap_mb")) + " MiB, RSS "
                    + Format.num(r.median("p1.mem.worker.rss_mb")) + " MiB");
        }
        return text.append(". ").toString();
    }

    private static String cpuByProcess(Map<String, Double> cpu) {
        List<Map.Entry<String, Double>> processes = new ArrayList<>(cpu.entrySet());
        processes.removeIf(
                e -> e.getKey().equals(CpuMeter.MACHINE) || e.getKey().equals(CpuMeter.OTHER));
        processes.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        return processes.stream()
                        .limit(4)
                        .map(e -> (e.getKey().equals(LOAD_GENERATOR) ? "load generator" : e.getKey()) + " "
                                + Format.num(e.getValue()))
                        .collect(Collectors.joining(", "))
                + " cores";
    }
}
