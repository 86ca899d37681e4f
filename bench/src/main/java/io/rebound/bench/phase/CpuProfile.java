package io.rebound.bench.phase;

import io.rebound.bench.load.LoadRun;
import io.rebound.bench.load.Participant;
import io.rebound.bench.measure.Profiler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where the gateway's and the worker's CPU goes under P1's load: JDK Flight Recorder stack samples during one more,
 * uncounted P1 window. It runs last because attaching the recorder is not free: throughput drops a lot while it
 * records, and in trials the services stayed slower for minutes after it stopped.
 */
public final class CpuProfile {

    private static final Duration UNRECORDED = Duration.ofSeconds(15);

    private CpuProfile() {}

    public static void run(PhaseContext ctx) {
        ctx.stack().startSimulator(0);
        ctx.workers(1, 3);
        ctx.recordMode("profile", ctx.config().retryMode());
        int users = ctx.config().users();
        List<Participant> participants = ctx.participants(users, "Backend engineer #");
        LoadRun.Iteration iteration = user -> participants.get(user).askAndWait(false);
        try {
            PhaseContext.log("Profile: P1 load, then JDK Flight Recorder on the gateway and the worker");
            LoadRun.run(users, Duration.ZERO, UNRECORDED, null, iteration, LoadRun.NO_MONITOR);
            Path dir = ctx.config().dataDir();
            Profiler gateway = Profiler.start(ctx.stack().gatewayPid(), dir.resolve("p1-api-gateway.jfr"));
            Profiler worker = Profiler.start(ctx.stack().workerPid(0), dir.resolve("p1-ai-worker.jfr"));
            LoadRun.Result result =
                    LoadRun.run(users, Duration.ZERO, ctx.config().measure(), null, iteration, LoadRun.NO_MONITOR);
            ctx.results().profile("p1.api-gateway", gateway.stop());
            ctx.results().profile("p1.ai-worker", worker.stop());
            ctx.results()
                    .add(
                            "p1.profiled_ops_per_s",
                            "ops/s",
                            ctx.db()
                                            .completedBetween(
                                                    result.window().from(),
                                                    result.window().to())
                                    / result.window().seconds());
            ctx.drain("Profile");
        } finally {
            PhaseContext.closeAll(participants);
        }
    }
}
