package io.rebound.bench.phase;

import io.rebound.bench.BenchConfig;
import io.rebound.bench.client.GatewayUser;
import io.rebound.bench.client.ServiceRequests;
import io.rebound.bench.load.Entry;
import io.rebound.bench.load.LoadRun;
import io.rebound.bench.load.OperationSample;
import io.rebound.bench.load.Participant;
import io.rebound.bench.measure.Stats;
import io.rebound.bench.stack.RetryMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * P7: a slow model (every AI call delayed by the simulator, 2 s by default) under hundreds of closed-loop users. How
 * many AI calls does one worker keep in flight, does throughput follow (in flight / latency, Little's law), what does
 * that cost in memory, and does a second worker double it? Measured in each retry mode: blocking runs one call per
 * consumer thread, so it is the baseline, with only enough users to keep its threads busy. And for each way in
 * ({@link Entry}): other services writing requests onto Kafka load the workers alone; people through the gateway
 * load the whole stack, whose CPU per operation on a small machine caps what reaches the workers.
 */
public final class ConcurrentCalls {

    static final int CONCURRENCY = 3;
    /** Users per sign-in: sign-ins run BCrypt, and hundreds of them would be minutes of set-up. */
    private static final int PER_SIGN_IN = 50;

    private ConcurrentCalls() {}

    public static void run(PhaseContext ctx) {
        BenchConfig.InFlight p7 = ctx.config().inFlight();
        ctx.stack().startSimulator(0);
        ctx.simulator().clearFaults();
        ctx.simulator().addFault(Map.of("delay_ms", (int) p7.aiLatencyMs()));
        List<Participant> participants = new ArrayList<>();
        GatewayUser admin = ctx.signIn(PhaseContext.ADMIN);
        try (ServiceRequests services = p7.entries().contains(Entry.KAFKA)
                ? ServiceRequests.connect(ctx.stack().kafkaBootstrap(), PhaseContext.USER)
                : null) {
            int order = 0;
            for (RetryMode mode : p7.modes()) {
                // Every entry with 1 then 2 workers, reversed for the next mode, so only a change of mode restarts
                // both workers.
                List<Setting> settings = new ArrayList<>();
                for (Entry entry : p7.entries()) {
                    boolean up = settings.size() % 4 == 0;
                    settings.add(new Setting(entry, up ? 1 : 2));
                    settings.add(new Setting(entry, up ? 2 : 1));
                }
                if (order++ % 2 == 1) {
                    Collections.reverse(settings);
                }
                for (Setting setting : settings) {
                    measure(ctx, p7, mode, setting, participants, services, admin);
                }
                for (Entry entry : p7.entries()) {
                    String key = entry.key(mode);
                    if (ctx.results().has(key + ".w1.ops_per_s")
                            && ctx.results().has(key + ".w2.ops_per_s")) {
                        ctx.results()
                                .add(
                                        key + ".scaling",
                                        "x",
                                        ctx.results().median(key + ".w2.ops_per_s")
                                                / ctx.results().median(key + ".w1.ops_per_s"));
                    }
                }
            }
        } finally {
            ctx.simulator().clearFaults();
            PhaseContext.closeAll(participants);
        }
    }

    /** One measured setting: how the load enters and how many workers carry it. */
    private record Setting(Entry entry, int workers) {}

    static int users(BenchConfig.InFlight p7, RetryMode mode, int workers) {
        if (mode == RetryMode.BLOCKING) {
            return p7.blockingUsersPerWorker() * workers;
        }
        return workers == 1 ? p7.users() : p7.usersTwoWorkers();
    }

    private static void measure(
            PhaseContext ctx,
            BenchConfig.InFlight p7,
            RetryMode mode,
            Setting setting,
            List<Participant> participants,
            ServiceRequests services,
            GatewayUser admin) {
        int workers = setting.workers();
        Entry entry = setting.entry();
        // A worker process started for this setting compiles its hot paths under the load (on 2 cores its first
        // window after 20 s completed half of what the next did): it gets twice the warm-up.
        Duration warmup =
                ctx.workers(workers, CONCURRENCY, mode) > 0 ? p7.warmup().multipliedBy(2) : p7.warmup();
        ctx.recordMode(entry.key(mode), mode);
        int users = users(p7, mode, workers);
        String key = entry.key(mode) + ".w" + workers;
        if (!ctx.canCarry("P7", users, workers)) {
            return;
        }
        LoadRun.Iteration iteration;
        if (entry == Entry.KAFKA) {
            iteration = user -> services.askAndWait(String.format("Backend engineer %02d", user));
        } else {
            if (participants.size() < users) {
                PhaseContext.log("P7: setting up " + (users - participants.size()) + " more users");
                participants.addAll(ctx.participants(
                        users - participants.size(), "Backend engineer #", PER_SIGN_IN, participants.size()));
            }
            iteration = user -> participants.get(user).askAndWait(false);
        }
        int capacity = ctx.capacity(0) * workers;
        double latencyS = p7.aiLatencyMs() / 1000.0;
        int runs = ctx.config().runs();
        PhaseContext.log(String.format(
                "P7: %d %s worker(s), %d %s, AI %d ms, up to %d calls at a time; %d s warm-up, %d windows of %d s",
                workers,
                mode,
                users,
                entry.label(),
                p7.aiLatencyMs(),
                capacity,
                warmup.toSeconds(),
                runs,
                p7.measure().toSeconds()));
        List<LoadRun.Result> results = LoadRun.runWindows(
                users,
                warmup,
                p7.measure(),
                runs,
                null,
                iteration,
                window -> new InFlightSampler(
                        ctx,
                        key,
                        workers,
                        new WorkerTimers(ctx, key, workers, new StackMonitor(ctx, key, true, admin))));
        List<Double> inFlight = ctx.results().runs(key + ".in_flight_p50");
        for (int i = 0; i < results.size(); i++) {
            LoadRun.Result result = results.get(i);
            double throughput = completed(ctx, entry, result) / result.window().seconds();
            List<Double> seen = result.startedInWindow().stream()
                    .map(OperationSample::latencyMs)
                    .toList();
            ctx.results().add(key + ".ops_per_s", "ops/s", throughput);
            ctx.results().add(key + ".users", "users", users);
            ctx.results().add(key + ".capacity", "calls", capacity);
            ctx.results().add(key + ".ideal_ops_per_s", "ops/s", Math.min(users, capacity) / latencyS);
            ctx.results().add(key + ".client_p50_ms", "ms", Stats.percentile(seen, 50));
            ctx.results().add(key + ".client_p99_ms", "ms", Stats.percentile(seen, 99));
            // Little's law: a pipeline with N calls of L seconds each in flight completes N / L per second.
            int sample = inFlight.size() - results.size() + i;
            double calls = sample >= 0 && sample < inFlight.size() ? inFlight.get(sample) : Double.NaN;
            if (!Double.isNaN(calls)) {
                ctx.results().add(key + ".little_ratio", "x", throughput / (calls / latencyS));
            }
            PhaseContext.log(String.format(
                    "  P7 %s %s w%d: %.1f ops/s, %.0f calls in flight (median), client p50 %.0f ms",
                    entry, mode, workers, throughput, calls, Stats.percentile(seen, 50)));
        }
        long lost = results.get(0).samples().stream()
                .filter(s -> !"completed".equals(s.status()))
                .count();
        if (lost > 0 || results.get(0).errors() > 0) {
            ctx.results()
                    .note("P7 " + entry.label() + ", " + mode + ", " + workers + " worker(s): " + lost
                            + " operations did not complete and "
                            + results.get(0).errors() + " requests failed");
        }
        ctx.drain("P7");
    }

    /**
     * Operations completed in the window: through the gateway, what its database recorded; from services on Kafka,
     * the {@code completed} events the services read (the gateway registers those operations too, but behind the
     * worker: its lag is not the workers' throughput).
     */
    private static long completed(PhaseContext ctx, Entry entry, LoadRun.Result result) {
        if (entry == Entry.GATEWAY) {
            return ctx.db()
                    .completedBetween(result.window().from(), result.window().to());
        }
        return result.samples().stream()
                .filter(s -> "completed".equals(s.status()) && result.window().contains(s.doneNanos()))
                .count();
    }
}
