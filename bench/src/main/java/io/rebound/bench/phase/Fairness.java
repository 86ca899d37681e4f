package io.rebound.bench.phase;

import io.rebound.bench.BenchConfig;
import io.rebound.bench.client.GatewayUser;
import io.rebound.bench.load.LoadRun;
import io.rebound.bench.load.OperationSample;
import io.rebound.bench.load.Participant;
import io.rebound.bench.measure.Database;
import io.rebound.bench.measure.Stats;
import io.rebound.bench.stack.RetryMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fairness: one user floods the worker (keeps {@code BENCH_FAIR_FLOOD} operations outstanding: sent at once, each
 * replaced as soon as it finishes) while other users each ask one question at a time. Their latency is compared with
 * the same users alone. One non-blocking worker, the slow model of P7. The worker's policy: records it holds are
 * started round-robin across {@code requested_by} users; within a partition records arrive in order (FIFO), so
 * fairness reaches only as far as what the worker has fetched.
 */
public final class Fairness {

    static final String FLOODER = "bench-flood@example.com";
    static final String OTHER = "bench-fair-#@example.com";
    /** Outstanding flood operations per flood session (one signed-in script, a few sessions). */
    private static final int PER_FLOOD_SESSION = 30;

    private Fairness() {}

    public static void run(PhaseContext ctx) {
        BenchConfig.Fairness fair = ctx.config().fairness();
        long latencyMs = ctx.config().inFlight().aiLatencyMs();
        ctx.stack().startSimulator(0);
        ctx.workers(1, ConcurrentCalls.CONCURRENCY, RetryMode.NON_BLOCKING);
        ctx.recordMode("fair", RetryMode.NON_BLOCKING);
        if (!ctx.canCarry("Fairness", fair.flood() + fair.users(), 1)) {
            return;
        }
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < fair.users(); i++) {
            emails.add(OTHER.replace("#", String.format("%02d", i + 1)));
        }
        List<String> accounts = new ArrayList<>(emails);
        accounts.add(FLOODER);
        ctx.db().ensureAccounts(accounts, PhaseContext.USER);
        List<Participant> others = new ArrayList<>();
        List<Participant> flood = new ArrayList<>();
        ctx.simulator().clearFaults();
        ctx.simulator().addFault(Map.of("delay_ms", (int) latencyMs));
        try {
            for (String email : emails) {
                others.add(Participant.join(ctx.signIn(email), "Backend engineer"));
            }
            GatewayUser flooder = ctx.signIn(FLOODER);
            for (int i = 0; i < Math.max(1, (fair.flood() + PER_FLOOD_SESSION - 1) / PER_FLOOD_SESSION); i++) {
                flood.add(Participant.join(flooder, "Data engineer " + i));
            }
            measure(ctx, fair, "fair.alone", others, flood, 0);
            measure(ctx, fair, "fair.flood", others, flood, fair.flood());
            ctx.results()
                    .add(
                            "fair.p99_ratio",
                            "x",
                            ctx.results().median("fair.flood.others_p99_ms")
                                    / ctx.results().median("fair.alone.others_p99_ms"));
            ctx.results()
                    .add(
                            "fair.p50_ratio",
                            "x",
                            ctx.results().median("fair.flood.others_p50_ms")
                                    / ctx.results().median("fair.alone.others_p50_ms"));
        } finally {
            ctx.simulator().clearFaults();
            PhaseContext.closeAll(others);
            PhaseContext.closeAll(flood);
        }
    }

    private static void measure(
            PhaseContext ctx,
            BenchConfig.Fairness fair,
            String key,
            List<Participant> others,
            List<Participant> flood,
            int flooding) {
        int users = others.size() + flooding;
        PhaseContext.log(String.format(
                "Fairness: %d users asking one at a time%s; %d windows of %d s",
                others.size(),
                flooding > 0 ? ", one user keeping " + flooding + " operations outstanding" : " (no flood)",
                ctx.config().runs(),
                fair.measure().toSeconds()));
        List<LoadRun.Result> results = LoadRun.runWindows(
                users,
                fair.warmup(),
                fair.measure(),
                ctx.config().runs(),
                null,
                user -> user < others.size()
                        ? others.get(user).askAndWait(true)
                        : flood.get((user - others.size()) % flood.size()).askAndWait(false),
                window -> new InFlightSampler(ctx, key, 1, new StackMonitor(ctx, key, false, null)));
        for (LoadRun.Result result : results) {
            List<OperationSample> mine = result.startedInWindow().stream()
                    .filter(OperationSample::marked)
                    .toList();
            List<UUID> ids = mine.stream().map(OperationSample::id).toList();
            List<Double> recorded = ctx.db().timings(ids).stream()
                    .map(Database.Timing::elapsedMs)
                    .toList();
            List<Double> seen = mine.stream().map(OperationSample::latencyMs).toList();
            double seconds = result.window().seconds();
            double all = ctx.db()
                            .completedBetween(
                                    result.window().from(), result.window().to())
                    / seconds;
            ctx.results().add(key + ".others", "operations", recorded.size());
            ctx.results().add(key + ".others_p50_ms", "ms", Stats.percentile(recorded, 50));
            ctx.results().add(key + ".others_p99_ms", "ms", Stats.percentile(recorded, 99));
            ctx.results().add(key + ".others_client_p99_ms", "ms", Stats.percentile(seen, 99));
            ctx.results().add(key + ".ops_per_s", "ops/s", all);
            ctx.results().add(key + ".outstanding", "operations", users);
            PhaseContext.log(String.format(
                    "  %s: others' p50 %.0f ms p99 %.0f ms (%d operations); %.1f ops/s in all",
                    key, Stats.percentile(recorded, 50), Stats.percentile(recorded, 99), recorded.size(), all));
        }
        long lost = results.get(0).samples().stream()
                .filter(s -> !"completed".equals(s.status()))
                .count();
        if (lost > 0 || results.get(0).errors() > 0) {
            ctx.results()
                    .note("Fairness (" + key + "): " + lost + " operations did not complete and "
                            + results.get(0).errors() + " requests failed");
        }
        ctx.drain("Fairness");
    }
}
