package io.rebound.bench.phase;

import io.rebound.bench.BenchConfig;
import io.rebound.bench.load.LoadRun;
import io.rebound.bench.load.OperationSample;
import io.rebound.bench.load.Pacer;
import io.rebound.bench.load.Participant;
import io.rebound.bench.measure.Database;
import io.rebound.bench.measure.Stats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * P3: how much a few failing operations slow the healthy ones down. Every tenth operation goes to a session whose role
 * carries a marker of its own; just before asking, the user adds a simulator rule that fails the next prompt with that
 * marker once (HTTP 503, {@code times}=1). Each marked operation therefore fails its first attempt and succeeds on the
 * retry after the 1 s back-off. In blocking mode the back-off sleeps on its consumer thread and holds that thread's
 * partitions; in non-blocking mode the record waits on {@code operations.requested-retry} and holds nothing. Healthy
 * operations' latency (finished_at - created_at) is compared with a run without faults at the same paced rate, for
 * each worker setting of {@code BENCH_P3_SETTINGS} (default: blocking and non-blocking, concurrency 3).
 */
public final class HeadOfLine {

    static final long AI_LATENCY_MS = 200;
    private static final Duration WARMUP = Duration.ofSeconds(2);
    static final int[] FAILING_PERCENT = {0, 10};

    private HeadOfLine() {}

    /**
     * Settings that differ from the default mode run first, so the phase ends with the default worker, which the
     * profile after it reuses.
     */
    public static void run(PhaseContext ctx) {
        ctx.stack().startSimulator(AI_LATENCY_MS);
        int users = ctx.config().holUsers();
        List<BenchConfig.HolSetting> settings = new ArrayList<>(ctx.config().holSettings());
        settings.sort((a, b) -> Boolean.compare(
                a.mode() == ctx.config().retryMode() && a.concurrency() == 3,
                b.mode() == ctx.config().retryMode() && b.concurrency() == 3));
        for (BenchConfig.HolSetting setting : settings) {
            ctx.workers(1, setting.concurrency(), setting.mode());
            ctx.recordMode(setting.key(), setting.mode());
            List<Participant> healthy = ctx.participants(users, "Backend engineer #");
            List<Participant> marked = new ArrayList<>();
            healthy.forEach(p -> marked.add(Participant.join(
                    p.user(), "hol" + UUID.randomUUID().toString().substring(0, 8) + " Backend engineer")));
            try {
                for (int run = 1; run <= ctx.config().runs(); run++) {
                    for (int percent : FAILING_PERCENT) {
                        measure(ctx, setting, percent, run, healthy, marked);
                    }
                }
            } finally {
                PhaseContext.closeAll(healthy);
                PhaseContext.closeAll(marked);
            }
            String key = setting.key();
            ctx.results()
                    .add(
                            key + ".p99_ratio",
                            "x",
                            ctx.results().median(key + ".f10.p99_ms")
                                    / ctx.results().median(key + ".f0.p99_ms"));
        }
    }

    private static void measure(
            PhaseContext ctx,
            BenchConfig.HolSetting setting,
            int percent,
            int run,
            List<Participant> healthy,
            List<Participant> marked) {
        PhaseContext.log(String.format(
                "P3 run %d: %s, concurrency %d, %d%% failing once, %.1f ops/s, AI %d ms",
                run,
                setting.mode(),
                setting.concurrency(),
                percent,
                ctx.config().holRate(),
                AI_LATENCY_MS));
        String key = setting.key() + ".f" + percent;
        ctx.simulator().clearFaults();
        long retriesBefore = ctx.kafka().endOffsets(PhaseContext.RETRY_TOPIC);
        AtomicLong sequence = new AtomicLong();
        LoadRun.Result result = LoadRun.run(
                healthy.size(),
                WARMUP,
                ctx.config().measure(),
                new Pacer(ctx.config().holRate()),
                user -> {
                    boolean failing = percent > 0 && sequence.incrementAndGet() % (100 / percent) == 0;
                    if (!failing) {
                        return healthy.get(user).askAndWait(false);
                    }
                    Participant participant = marked.get(user);
                    ctx.simulator()
                            .addFault(Map.of("status", 503, "times", 1, "when_prompt_contains", participant.role()));
                    return participant.askAndWait(true);
                },
                new StackMonitor(ctx, key, false, null));
        ctx.drain("P3");
        long retriesAfter = ctx.kafka().endOffsets(PhaseContext.RETRY_TOPIC);
        ctx.simulator().clearFaults();
        List<UUID> healthyIds = result.startedInWindow().stream()
                .filter(s -> !s.marked())
                .map(OperationSample::id)
                .toList();
        List<Double> latencies = ctx.db().timings(healthyIds).stream()
                .map(Database.Timing::elapsedMs)
                .toList();
        long markedRetried = ctx
                .db()
                .timings(result.startedInWindow().stream()
                        .filter(OperationSample::marked)
                        .map(OperationSample::id)
                        .toList())
                .stream()
                .filter(t -> t.attempts() == 2 && "COMPLETED".equals(t.status()))
                .count();
        // Evidence of the mode: records that went through the retry topic (-1: the topic does not exist).
        ctx.results()
                .add(
                        key + ".retry_topic_records",
                        "records",
                        retriesAfter < 0 ? -1 : retriesAfter - Math.max(0, retriesBefore));
        ctx.results()
                .add(
                        key + ".rate",
                        "ops/s",
                        result.startedInWindow().size() / result.window().seconds());
        ctx.results().add(key + ".healthy", "operations", latencies.size());
        ctx.results().add(key + ".marked_retried_once", "operations", markedRetried);
        for (int p : new int[] {50, 95, 99}) {
            ctx.results().add(key + ".p" + p + "_ms", "ms", Stats.percentile(latencies, p));
        }
        PhaseContext.log(String.format(
                "  P3: %d healthy, p50 %.0f p95 %.0f p99 %.0f ms; %d marked retried once",
                latencies.size(),
                Stats.percentile(latencies, 50),
                Stats.percentile(latencies, 95),
                Stats.percentile(latencies, 99),
                markedRetried));
    }
}
