package io.rebound.bench.phase;

import io.rebound.bench.load.LoadRun;
import io.rebound.bench.load.Participant;
import java.time.Duration;
import java.util.List;

/**
 * P6: AI-bound throughput with a slow model (500 ms) against the ideal of min(users, AI calls the workers can run at
 * once) / latency, with one worker process and then two in the same consumer group. It runs in
 * {@code BENCH_P6_RETRY_MODE} (blocking by default: there the calls at once are the consumer threads, 3 per worker, and
 * the figure shows how well the partitions keep them busy; the non-blocking model's scaling is P7's).
 */
public final class Scale {

    static final long AI_LATENCY_MS = 500;
    static final int CONCURRENCY = 3;

    private Scale() {}

    public static void run(PhaseContext ctx) {
        ctx.stack().startSimulator(AI_LATENCY_MS);
        int users = ctx.config().scaleUsers();
        // The pipeline must be full before measuring: every thread needs a queue of its own. The runs are windows
        // back to back with the users never stopping, so the pipeline is filled once per setting.
        Duration fill = ctx.config().warmup().plusSeconds(6);
        for (int workers = 1; workers <= 2; workers++) {
            ctx.workers(workers, CONCURRENCY, ctx.config().scaleMode());
            ctx.recordMode("p6", ctx.config().scaleMode());
            List<Participant> participants = ctx.participants(users, "Backend engineer #");
            try {
                int calls = ctx.capacity(0) * workers;
                double ideal = Math.min(users, calls) * 1000.0 / AI_LATENCY_MS;
                ctx.results().add("p6.w" + workers + ".capacity", "calls", calls);
                PhaseContext.log("P6: " + workers + " " + ctx.config().scaleMode() + " worker process(es), " + users
                        + " users, AI " + AI_LATENCY_MS + " ms, " + ctx.config().runs() + " windows back to back");
                int w = workers;
                List<LoadRun.Result> results = LoadRun.runWindows(
                        users,
                        fill,
                        ctx.config().measure(),
                        ctx.config().runs(),
                        null,
                        user -> participants.get(user).askAndWait(false),
                        window -> new WorkerTimers(ctx, w, new StackMonitor(ctx, "p6.w" + w, false, null)));
                for (LoadRun.Result result : results) {
                    double throughput = ctx.db()
                                    .completedBetween(
                                            result.window().from(),
                                            result.window().to())
                            / result.window().seconds();
                    String key = "p6.w" + workers;
                    ctx.results().add(key + ".ops_per_s", "ops/s", throughput);
                    ctx.results().add(key + ".ideal_ops_per_s", "ops/s", ideal);
                    ctx.results().add(key + ".of_ideal", "x", throughput / ideal);
                    PhaseContext.log(String.format("  P6: %.2f ops/s, %.2f of ideal", throughput, throughput / ideal));
                }
                ctx.drain("P6");
            } finally {
                PhaseContext.closeAll(participants);
            }
        }
        ctx.results()
                .add(
                        "p6.scaling",
                        "x",
                        ctx.results().median("p6.w2.ops_per_s") / ctx.results().median("p6.w1.ops_per_s"));
        ctx.stack().stopWorker(1);
    }
}
