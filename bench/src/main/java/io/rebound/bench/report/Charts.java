package io.rebound.bench.report;

import io.rebound.bench.measure.CpuMeter;
import io.rebound.bench.measure.Results;
import io.rebound.bench.stack.RetryMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report's figures, written to {@code docs/bench/}; each returns its file name, or null without data. */
final class Charts {

    /** Measured windows of the CPU chart and table that have results, in the order they ran, with their labels. */
    Map<String, String> cpuPhases() {
        Map<String, String> phases = new LinkedHashMap<>();
        phases.put("p1", "P1 (AI 0 ms, saturated)");
        phases.put("p2", "P2 (half of P1)");
        phases.put("fair.flood", "Fairness, one user flooding (AI 2 s)");
        for (Modes.P7 series : Modes.p7Series(results)) {
            for (int workers = 1; workers <= 2; workers++) {
                phases.put(series.key() + ".w" + workers, "P7 " + series.label() + ", " + workers + " worker(s)");
            }
        }
        phases.put("p6.w1", "P6, 1 worker (AI 500 ms)");
        phases.put("p6.w2", "P6, 2 workers");
        for (Modes.Hol hol : Modes.holSettings(results)) {
            phases.put(hol.key() + ".f10", "P3 " + hol.label() + ", 10 % failing");
        }
        phases.keySet().removeIf(phase -> results.cpuMedian(phase).isEmpty());
        return phases;
    }

    private final Results results;
    private final Path dir;
    private final int users;

    Charts(Results results, Path dir, int users) {
        this.results = results;
        this.dir = dir;
        this.users = users;
    }

    String throughput() {
        String limit = "limits.pg.commits_per_s.c" + users;
        if (!results.has("p1.ops_per_s") || !results.has(limit)) {
            return null;
        }
        List<Double> quarter = results.runs(limit).stream().map(v -> v * 0.25).toList();
        new BarChart("P1: Rebound operations/s against the PostgreSQL commit limit", "per second")
                .bar(
                        "Rebound P1: operations completed/s, " + users + " users",
                        "",
                        results.median("p1.ops_per_s"),
                        results.runs("p1.ops_per_s"))
                .bar("goal: 0.25 × commit limit", "", results.median(limit) * 0.25, quarter)
                .bar(
                        "PostgreSQL insert+commit/s, " + users + " connections",
                        "",
                        results.median(limit),
                        results.runs(limit))
                .write(dir.resolve("p1-throughput.png"));
        return "p1-throughput.png";
    }

    String warmup() {
        List<Double> chunks = results.runs("p1.warmup.ops_per_s");
        if (chunks.isEmpty()) {
            return null;
        }
        BarChart chart = new BarChart(
                "P1 warm-up: operations/s in each 10 s of unmeasured load (JIT compiling)", "operations/s");
        for (int i = 0; i < chunks.size(); i++) {
            chart.bar((i + 1) * 10 + " s", "", chunks.get(i), List.of());
        }
        if (results.has("p1.ops_per_s")) {
            chart.reference(results.median("p1.ops_per_s"), "P1 measured afterwards (median)");
        }
        chart.write(dir.resolve("p1-warmup.png"));
        return "p1-warmup.png";
    }

    String latency() {
        BarChart chart = new BarChart("Latencies: p50 and p99 (median of runs)", "milliseconds");
        boolean any = false;
        any |= pair(chart, "Kafka round trip, raw (baseline)", "limits.kafka");
        any |= pair(chart, "P2: pipeline overhead at half of P1's rate", "p2.overhead");
        any |= pair(chart, "P4: last failed attempt → failed on SSE", "p4");
        any |= pair(chart, "P5: retry → processing on SSE", "p5");
        if (!any) {
            return null;
        }
        chart.goal("P2: pipeline overhead at half of P1's rate", 50, "goal p99 ≤ 50 ms");
        chart.goal("P5: retry → processing on SSE", 150, "goal p99 ≤ 150 ms");
        chart.write(dir.resolve("latency.png"));
        return "latency.png";
    }

    String headOfLine() {
        List<Modes.Hol> settings = Modes.holSettings(results);
        if (settings.isEmpty()) {
            return null;
        }
        BarChart chart = new BarChart(
                "P3: healthy operations' latency with 10 % failing once (AI 200 ms)",
                "milliseconds (created → finished)");
        for (Modes.Hol hol : settings) {
            for (int percent : new int[] {0, 10}) {
                String key = hol.key() + ".f" + percent;
                String group = hol.label() + ", " + percent + " % failing";
                for (String p : new String[] {"p50", "p95", "p99"}) {
                    chart.bar(group, p, results.median(key + "." + p + "_ms"), results.runs(key + "." + p + "_ms"));
                }
                if (percent > 0) {
                    double goal = 1.5 * results.median(hol.key() + ".f0.p99_ms");
                    chart.goal(group, goal, "goal: p99 ≤ 1.5× no-fault p99");
                }
            }
        }
        chart.write(dir.resolve("head-of-line.png"));
        return "head-of-line.png";
    }

    /** P7: calls in flight per setting against the limit and the goal. */
    String inFlight() {
        List<Modes.P7> all = Modes.p7Series(results);
        if (all.isEmpty()) {
            return null;
        }
        BarChart chart = new BarChart("P7: AI calls in flight (AI 2 s; samples every 200 ms)", "calls in flight");
        for (Modes.P7 series : all) {
            RetryMode mode = series.mode();
            for (int workers = 1; workers <= 2; workers++) {
                String key = series.key() + ".w" + workers;
                if (!results.has(key + ".in_flight_p50")) {
                    continue;
                }
                String group = group(series, workers);
                chart.bar(group, "p10", results.median(key + ".in_flight_p10"), results.runs(key + ".in_flight_p10"));
                chart.bar(
                        group, "median", results.median(key + ".in_flight_p50"), results.runs(key + ".in_flight_p50"));
                chart.bar(group, "limit", results.median(key + ".capacity"), List.of());
                if (mode == RetryMode.NON_BLOCKING && workers == 1) {
                    chart.goal(group, 200, "goal ≥ 200");
                }
            }
        }
        chart.write(dir.resolve("p7-in-flight.png"));
        return "p7-in-flight.png";
    }

    /** P7: throughput per setting against in flight / latency (Little's law). */
    String slowThroughput() {
        List<Modes.P7> all = Modes.p7Series(results);
        if (all.isEmpty()) {
            return null;
        }
        double latencyS = Double.parseDouble(Summary.orZero(results.context("p7_ai_latency_ms"))) / 1000;
        BarChart chart = new BarChart("P7: operations completed/s (AI 2 s)", "operations/s");
        for (Modes.P7 series : all) {
            for (int workers = 1; workers <= 2; workers++) {
                String key = series.key() + ".w" + workers;
                if (!results.has(key + ".ops_per_s")) {
                    continue;
                }
                String group = group(series, workers);
                chart.bar(group, "measured", results.median(key + ".ops_per_s"), results.runs(key + ".ops_per_s"));
                chart.bar(
                        group,
                        "in flight / latency",
                        results.median(key + ".in_flight_p50") / latencyS,
                        results.runs(key + ".in_flight_p50").stream()
                                .map(v -> v / latencyS)
                                .toList());
                chart.goal(
                        group, 0.9 * results.median(key + ".in_flight_p50") / latencyS, "goal ≥ 0.9 × in flight / L");
            }
        }
        chart.write(dir.resolve("p7-throughput.png"));
        return "p7-throughput.png";
    }

    /** A P7 bar group's label: {@code non-blocking, Kafka, 2 workers}. */
    private static String group(Modes.P7 series, int workers) {
        return series.mode() + ", " + series.entry().value() + ", " + workers + " worker" + (workers > 1 ? "s" : "");
    }

    /** Fairness: the other users' latency alone and beside a flood. */
    String fairness() {
        if (!results.has("fair.flood.others_p99_ms")) {
            return null;
        }
        BarChart chart = new BarChart(
                "Fairness: " + results.context("fair_users") + " users asking one at a time (AI 2 s)",
                "milliseconds (created → finished)");
        chart.bar("alone", "p50", results.median("fair.alone.others_p50_ms"), results.runs("fair.alone.others_p50_ms"));
        chart.bar("alone", "p99", results.median("fair.alone.others_p99_ms"), results.runs("fair.alone.others_p99_ms"));
        String flood = "one user keeping " + results.context("fair_flood") + " outstanding";
        chart.bar(flood, "p50", results.median("fair.flood.others_p50_ms"), results.runs("fair.flood.others_p50_ms"));
        chart.bar(flood, "p99", results.median("fair.flood.others_p99_ms"), results.runs("fair.flood.others_p99_ms"));
        chart.write(dir.resolve("fairness.png"));
        return "fairness.png";
    }

    String scale() {
        if (!results.has("p6.w1.ops_per_s")) {
            return null;
        }
        BarChart chart =
                new BarChart("P6: AI-bound throughput (AI 500 ms, " + Modes.label(results, "p6") + ")", "operations/s");
        for (int workers = 1; workers <= 2; workers++) {
            String key = "p6.w" + workers;
            if (!results.has(key + ".ops_per_s")) {
                continue;
            }
            String group = workers + " worker process" + (workers > 1 ? "es" : "");
            chart.bar(group, "measured", results.median(key + ".ops_per_s"), results.runs(key + ".ops_per_s"));
            chart.bar(
                    group, "ideal = calls at a time / AI latency", results.median(key + ".ideal_ops_per_s"), List.of());
            chart.goal(group, 0.9 * results.median(key + ".ideal_ops_per_s"), "goal ≥ 0.9 × ideal");
        }
        chart.write(dir.resolve("scale.png"));
        return "scale.png";
    }

    String cpu(int nproc) {
        BarChart chart = new BarChart(
                        "CPU used per process during the measured windows (median of runs)",
                        "cores (machine has " + nproc + ")")
                .stacked();
        boolean any = false;
        for (Map.Entry<String, String> phase : cpuPhases().entrySet()) {
            Map<String, Double> cores = results.cpuMedian(phase.getKey());
            if (cores.isEmpty()) {
                continue;
            }
            any = true;
            for (Map.Entry<String, Double> process : cores.entrySet()) {
                if (!process.getKey().equals(CpuMeter.MACHINE)) {
                    chart.bar(phase.getValue(), shortName(process.getKey()), process.getValue(), List.of());
                }
            }
        }
        chart.reference(nproc, "all " + nproc + " cores");
        if (!any) {
            return null;
        }
        chart.write(dir.resolve("cpu.png"));
        return "cpu.png";
    }

    String stages() {
        List<String> phases = new ArrayList<>();
        if (results.has("p1.stage.to_worker_p50_ms")) {
            phases.add("p1");
        }
        if (results.has("p2.stage.to_worker_p50_ms")) {
            phases.add("p2");
        }
        if (phases.isEmpty()) {
            return null;
        }
        BarChart chart = new BarChart("Where an operation's time goes (median of each stage, AI 0 ms)", "milliseconds")
                .stacked();
        for (String phase : phases) {
            String group = phase.equals("p1") ? "P1: saturated, " + users + " users" : "P2: half of P1's rate";
            chart.bar(group, "request → worker starts", results.median(phase + ".stage.to_worker_p50_ms"), List.of());
            chart.bar(group, "attempt (AI call + status)", results.median(phase + ".stage.attempt_p50_ms"), List.of());
            chart.bar(group, "worker done → gateway wrote it", results.median(phase + ".stage.back_p50_ms"), List.of());
        }
        chart.write(dir.resolve("stages.png"));
        return "stages.png";
    }

    private boolean pair(BarChart chart, String group, String key) {
        if (!results.has(key + ".p50_ms") && !results.has(key + "_p50_ms")) {
            return false;
        }
        String p50 = results.has(key + ".p50_ms") ? key + ".p50_ms" : key + "_p50_ms";
        String p99 = results.has(key + ".p99_ms") ? key + ".p99_ms" : key + "_p99_ms";
        chart.bar(group, "p50", results.median(p50), results.runs(p50));
        chart.bar(group, "p99", results.median(p99), results.runs(p99));
        return true;
    }

    static String shortName(String process) {
        return process.replace(" (load generator)", "")
                .replace(" processes", "")
                .replace("ai-", "");
    }
}
