package io.rebound.bench.phase;

import io.rebound.bench.client.GatewayUser;
import io.rebound.bench.load.LoadRun;
import io.rebound.bench.load.OperationSample;
import io.rebound.bench.load.Pacer;
import io.rebound.bench.load.Participant;
import io.rebound.bench.measure.Database;
import io.rebound.bench.measure.Stats;
import java.time.Duration;
import java.util.List;

/**
 * P1: operations per second end to end (accepted by the API, {@code completed} in the database) with an instant AI,
 * under closed-loop load. P2: the pipeline's own latency (finished_at - created_at - AI latency) at half that rate.
 */
public final class Throughput {

    private static final Duration WARMUP_CHUNK = Duration.ofSeconds(10);

    private Throughput() {}

    public static void run(PhaseContext ctx, boolean p1, boolean p2) {
        ctx.stack().startSimulator(0);
        ctx.workers(1, 3);
        ctx.recordMode("p1", ctx.config().retryMode());
        ctx.recordMode("p2", ctx.config().retryMode());
        int users = ctx.config().users();
        List<Participant> participants = ctx.participants(users, "Backend engineer #");
        GatewayUser admin = ctx.signIn(PhaseContext.ADMIN);
        LoadRun.Iteration iteration = user -> participants.get(user).askAndWait(false);
        try {
            warmUp(ctx, users, iteration);
            if (p1 || !ctx.results().has("p1.ops_per_s")) {
                for (int run = 1; run <= ctx.config().runs(); run++) {
                    PhaseContext.log("P1 run " + run + ": " + users + " closed-loop users, AI 0 ms");
                    LoadRun.Result result = LoadRun.run(
                            users,
                            ctx.config().warmup(),
                            ctx.config().measure(),
                            null,
                            iteration,
                            new StackMonitor(ctx, "p1", true, admin));
                    record(ctx, "p1", result);
                    ctx.drain("P1");
                }
            }
            if (p2) {
                double rate = ctx.results().median("p1.ops_per_s") / 2;
                for (int run = 1; run <= ctx.config().runs(); run++) {
                    PhaseContext.log(String.format("P2 run %d: paced at %.1f operations/s", run, rate));
                    LoadRun.Result result = LoadRun.run(
                            users,
                            ctx.config().warmup(),
                            ctx.config().measure(),
                            new Pacer(rate),
                            iteration,
                            new StackMonitor(ctx, "p2", false, admin));
                    record(ctx, "p2", result);
                    List<Double> overhead = timings(ctx, result).stream()
                            .map(t -> t.elapsedMs() - ctx.stack().simulatorLatencyMs())
                            .toList();
                    ctx.results().add("p2.target_ops_per_s", "ops/s", rate);
                    ctx.results().add("p2.overhead_p50_ms", "ms", Stats.percentile(overhead, 50));
                    ctx.results().add("p2.overhead_p99_ms", "ms", Stats.percentile(overhead, 99));
                    ctx.drain("P2");
                }
            }
            AuthCost.run(ctx);
        } finally {
            PhaseContext.closeAll(participants);
        }
    }

    /**
     * Unmeasured load until the JIT has compiled the hot paths: on a small machine the JVMs need minutes of load to
     * reach steady state. Throughput is recorded every 10 s so the report shows the curve and whether it flattened.
     */
    private static void warmUp(PhaseContext ctx, int users, LoadRun.Iteration iteration) {
        PhaseContext.log("P1: JIT warm-up, " + ctx.config().jitWarmup().toSeconds() + " s");
        long chunks = Math.max(1, ctx.config().jitWarmup().toSeconds() / WARMUP_CHUNK.toSeconds());
        for (long chunk = 1; chunk <= chunks; chunk++) {
            LoadRun.Result result =
                    LoadRun.run(users, Duration.ZERO, WARMUP_CHUNK, null, iteration, LoadRun.NO_MONITOR);
            double rate = ctx.db()
                            .completedBetween(
                                    result.window().from(), result.window().to())
                    / result.window().seconds();
            ctx.results().add("p1.warmup.ops_per_s", "ops/s", rate);
        }
        PhaseContext.log(String.format(
                "  last warm-up chunk: %.1f ops/s",
                ctx.results().runs("p1.warmup.ops_per_s").get((int) chunks - 1)));
        ctx.drain("P1 warm-up");
    }

    /** Throughput from the database; latency as the users saw it and as the database recorded it. */
    private static void record(PhaseContext ctx, String phase, LoadRun.Result result) {
        double seconds = result.window().seconds();
        long completed = ctx.db()
                .completedBetween(result.window().from(), result.window().to());
        List<OperationSample> started = result.startedInWindow();
        List<Double> seen = started.stream().map(OperationSample::latencyMs).toList();
        List<Double> recorded =
                timings(ctx, result).stream().map(Database.Timing::elapsedMs).toList();
        ctx.results().add(phase + ".ops_per_s", "ops/s", completed / seconds);
        ctx.results().add(phase + ".started_per_s", "ops/s", started.size() / seconds);
        ctx.results().add(phase + ".client_p50_ms", "ms", Stats.percentile(seen, 50));
        ctx.results().add(phase + ".client_p99_ms", "ms", Stats.percentile(seen, 99));
        ctx.results().add(phase + ".db_p50_ms", "ms", Stats.percentile(recorded, 50));
        ctx.results().add(phase + ".db_p99_ms", "ms", Stats.percentile(recorded, 99));
        List<Database.Stages> stages =
                ctx.db().stages(started.stream().map(OperationSample::id).toList());
        stage(
                ctx,
                phase + ".stage.to_worker",
                stages.stream().map(Database.Stages::toWorkerMs).toList());
        stage(
                ctx,
                phase + ".stage.attempt",
                stages.stream().map(Database.Stages::attemptMs).toList());
        stage(
                ctx,
                phase + ".stage.back",
                stages.stream().map(Database.Stages::backMs).toList());
        long notCompleted =
                started.stream().filter(s -> !"completed".equals(s.status())).count();
        if (notCompleted > 0 || result.errors() > 0) {
            ctx.results()
                    .note(phase + ": " + notCompleted + " operations did not complete and " + result.errors()
                            + " requests failed in one run");
        }
        PhaseContext.log(String.format(
                "  %s: %.1f completed/s, client p50 %.0f ms p99 %.0f ms",
                phase, completed / seconds, Stats.percentile(seen, 50), Stats.percentile(seen, 99)));
    }

    private static void stage(PhaseContext ctx, String key, List<Double> values) {
        ctx.results().add(key + "_p50_ms", "ms", Stats.percentile(values, 50));
        ctx.results().add(key + "_p99_ms", "ms", Stats.percentile(values, 99));
    }

    static List<Database.Timing> timings(PhaseContext ctx, LoadRun.Result result) {
        return ctx.db()
                .timings(result.startedInWindow().stream()
                        .map(OperationSample::id)
                        .toList());
    }
}
