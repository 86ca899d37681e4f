package io.rebound.bench.report;

import io.rebound.bench.measure.CpuMeter;
import io.rebound.bench.measure.Profiler;
import io.rebound.bench.measure.Results;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The P1 paragraph of the findings: what an operation costs each process, whether the CPU was the limit, where
 * operations queued, how far the JIT had warmed up, and where the gateway's and the worker's CPU went.
 */
final class ThroughputFinding {

    private static final String LOAD_GENERATOR = "bench (load generator)";

    private final Results r;
    private final int users;
    private final int nproc;

    ThroughputFinding(Results results, int users, int nproc) {
        this.r = results;
        this.users = users;
        this.nproc = nproc;
    }

    String text() {
        double ops = r.median("p1.ops_per_s");
        Map<String, Double> cpu = r.cpuMedian("p1");
        double machine = cpu.getOrDefault(CpuMeter.MACHINE, Double.NaN);
        double other = cpu.getOrDefault(CpuMeter.OTHER, 0.0);
        double load = cpu.getOrDefault(LOAD_GENERATOR, 0.0);
        double stack = machine - other - load;
        String perProcess = cpu.entrySet().stream()
                .filter(e -> !List.of(CpuMeter.MACHINE, CpuMeter.OTHER, LOAD_GENERATOR)
                        .contains(e.getKey()))
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .map(e -> e.getKey() + " " + Format.num(e.getValue() / ops * 1000))
                .collect(Collectors.joining(", "));
        StringBuilder text = new StringBuilder("**P1 throughput (" + Modes.label(r, "p1") + " worker): "
                + Format.num(ops) + " ops/s, "
                + Format.ratio(ops / r.median("limits.pg.commits_per_s.c" + users))
                + " of the commit limit (goal ≥ 0.25×).** During P1 the machine was "
                + Format.percent(machine / nproc) + " busy (" + Format.num(machine) + " of " + nproc + " cores). "
                + "CPU per operation, in ms: " + perProcess + "; " + Format.num(stack / ops * 1000)
                + " ms in all (the load generator took " + Format.num(load) + " cores, other processes "
                + Format.num(other) + "). ");
        if (machine >= 0.85 * nproc) {
            double gateway = cpu.getOrDefault("api-gateway", Double.NaN) / ops * 1000;
            text.append("The CPU is saturated, so here throughput is the cores left to the stack divided by that"
                    + " cost (" + Format.num(stack) + " cores / " + Format.num(stack / ops * 1000)
                    + " ms), while a bare"
                    + " commit costs about " + Format.num(nproc * 1000 / r.median("limits.pg.commits_per_s.c" + users))
                    + " ms of machine time. The gateway is the most expensive part: at " + Format.num(gateway)
                    + " ms per operation one gateway core tops out near " + Format.num(1000 / gateway)
                    + " ops/s however fast the rest is. ");
        } else {
            text.append("The CPU was not saturated, so a serial stage (one thread, one connection or one partition"
                    + " doing the work in turn) limits throughput; the stages and queues below show which. ");
        }
        text.append("Stages (p50): request → worker starts " + Format.ms(r.median("p1.stage.to_worker_p50_ms"))
                + ", attempt " + Format.ms(r.median("p1.stage.attempt_p50_ms")) + ", worker done → gateway wrote it "
                + Format.ms(r.median("p1.stage.back_p50_ms"))
                + ". Sampled every 3 s (median / max): unpublished outbox "
                + pair("p1.queue.outbox_unpublished") + ", worker input lag " + pair("p1.queue.worker_lag")
                + ", gateway status-topic lag " + pair("p1.queue.gateway_status_lag") + " records; busy database"
                + " connections " + pair("p1.queue.db_connections_active") + ", threads waiting for one "
                + pair("p1.queue.db_connections_pending") + ". ");
        text.append(warmup());
        text.append(postgres());
        text.append(profile("api-gateway")).append(profile("ai-worker"));
        return text.toString();
    }

    private String warmup() {
        List<Double> chunks = r.runs("p1.warmup.ops_per_s");
        List<Double> runs = r.runs("p1.ops_per_s");
        if (chunks.isEmpty() || runs.isEmpty()) {
            return "";
        }
        String text =
                "Warm-up matters on a small machine: in the " + r.context("jit_warmup_s") + " s of unmeasured load"
                        + " before P1, throughput went from " + Format.num(chunks.get(0)) + " to "
                        + Format.num(chunks.get(chunks.size() - 1)) + " ops/s as the JIT compiled the services (and the"
                        + " broker), with its compiler threads competing for the same cores. ";
        if (runs.get(runs.size() - 1) > 1.1 * runs.get(0)) {
            text += "It was still rising across the measured runs (" + Format.runs(runs) + " ops/s), so P1 is not at"
                    + " steady state: give it a longer `BENCH_JIT_WARMUP_SECONDS`. ";
        }
        return text;
    }

    private String postgres() {
        Map<String, Double> waits = r.postgresWaits("p1");
        if (waits.isEmpty()) {
            return "";
        }
        double active = waits.values().stream().mapToDouble(Double::doubleValue).sum();
        String states = waits.entrySet().stream()
                .limit(4)
                .map(e -> e.getKey() + " " + Format.num(e.getValue()))
                .collect(Collectors.joining(", "));
        return "PostgreSQL (sampled every 20 ms) had " + Format.num(active) + " statements in progress on average ("
                + states + ")" + (active < 1 ? ": it was mostly idle, not the bottleneck. " : ". ");
    }

    private String profile(String service) {
        Profiler.Profile profile = r.profile("p1." + service);
        if (profile == null || profile.samples() == 0) {
            return "";
        }
        return "CPU samples of the " + service + " (JFR, the uncounted P1 window at the end of the bench, "
                + profile.samples()
                + " samples) by thread: " + top(profile.byThread(), 5) + "; by library: " + top(profile.byLibrary(), 6)
                + ". ";
    }

    private static String top(Map<String, Double> shares, int limit) {
        return shares.entrySet().stream()
                .limit(limit)
                .map(e -> "`" + e.getKey() + "` " + Format.percent(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private String pair(String key) {
        return Format.num(r.median(key)) + " / " + Format.num(r.median(key + ".max"));
    }
}
