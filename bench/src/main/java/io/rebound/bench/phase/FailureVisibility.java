package io.rebound.bench.phase;

import io.rebound.bench.client.SessionEvents;
import io.rebound.bench.client.SimulatorClient;
import io.rebound.bench.load.Participant;
import io.rebound.bench.measure.Stats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * P4: from the last failed attempt (the simulator's arrival time of the request it answers with a permanent 400, with
 * no AI latency) to {@code failed} on the session's event stream. P5: from sending {@code POST /operations/{id}/retry}
 * for each of those failed operations to the new operation's first status after {@code pending} on the stream.
 */
public final class FailureVisibility {

    /** In the first 120 characters of the prompt (after the 103-character system message), so the log shows it. */
    private static final String MARKER = "P4x";

    private static final int USERS = 4;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private FailureVisibility() {}

    private record Failed(UUID id, SessionEvents.Seen seen) {}

    public static void run(PhaseContext ctx, boolean p4, boolean p5) {
        ctx.stack().startSimulator(0);
        ctx.workers(1, 3);
        ctx.recordMode("p4", ctx.config().retryMode());
        ctx.recordMode("p5", ctx.config().retryMode());
        List<Participant> participants = ctx.participants(USERS, MARKER + "# Backend engineer");
        int perUser = (int) Math.ceil(ctx.config().failures() / (double) USERS);
        ExecutorService pool = Executors.newFixedThreadPool(USERS);
        try {
            for (int run = 1; run <= ctx.config().runs(); run++) {
                PhaseContext.log("P4 run " + run + ": " + USERS * perUser + " permanent failures");
                ctx.simulator().clearFaults();
                ctx.simulator().resetRequests();
                ctx.simulator()
                        .addFault(Map.of("status", 400, "when_prompt_contains", "<role>" + MARKER, "message", "bench"));
                List<List<Failed>> failed = each(pool, participants, p -> fail(p, perUser));
                ctx.simulator().clearFaults();
                if (p4) {
                    recordP4(ctx, participants, failed);
                }
                if (p5) {
                    PhaseContext.log("P5 run " + run + ": retrying them");
                    List<List<Double>> retried =
                            each(pool, participants, p -> retry(p, failed.get(participants.indexOf(p))));
                    List<Double> all = retried.stream().flatMap(List::stream).toList();
                    ctx.results().add("p5.retries", "retries", all.size());
                    ctx.results().add("p5.p50_ms", "ms", Stats.percentile(all, 50));
                    ctx.results().add("p5.p99_ms", "ms", Stats.percentile(all, 99));
                    PhaseContext.log(String.format(
                            "  P5: %d retries, p50 %.0f ms p99 %.0f ms",
                            all.size(), Stats.percentile(all, 50), Stats.percentile(all, 99)));
                }
                ctx.drain("P4/P5");
            }
        } finally {
            pool.shutdownNow();
            PhaseContext.closeAll(participants);
        }
    }

    private static List<Failed> fail(Participant participant, int count) {
        List<Failed> failed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = participant.user().askQuestion(participant.sessionId());
            Optional<SessionEvents.Seen> seen = participant.events().await(id, Set.of("failed"), WAIT);
            seen.ifPresent(s -> failed.add(new Failed(id, s)));
        }
        return failed;
    }

    private static List<Double> retry(Participant participant, List<Failed> failed) {
        List<Double> latencies = new ArrayList<>();
        for (Failed operation : failed) {
            long start = System.nanoTime();
            UUID child = participant.user().retry(operation.id());
            participant
                    .events()
                    .await(child, Set.of("processing", "completed", "failed"), WAIT)
                    .ifPresent(seen -> latencies.add((seen.nanos() - start) / 1e6));
            participant.events().await(child, Set.of("completed", "failed"), WAIT);
        }
        return latencies;
    }

    /** Pairs each user's failed operations, in order, with the requests that carried that user's marker. */
    private static void recordP4(PhaseContext ctx, List<Participant> participants, List<List<Failed>> failed) {
        List<SimulatorClient.Request> requests = ctx.simulator().recentRequests();
        List<Double> latencies = new ArrayList<>();
        int unmatched = 0;
        for (int u = 0; u < participants.size(); u++) {
            String marker = participants.get(u).role().substring(0, MARKER.length() + 2);
            List<SimulatorClient.Request> mine = requests.stream()
                    .filter(r -> r.promptExcerpt().contains("<role>" + marker))
                    .toList();
            List<Failed> ops = failed.get(u);
            if (mine.size() != ops.size()) {
                unmatched += ops.size();
                continue;
            }
            for (int i = 0; i < ops.size(); i++) {
                latencies.add(
                        Duration.between(mine.get(i).at(), ops.get(i).seen().at())
                                        .toNanos()
                                / 1e6);
            }
        }
        stages(ctx, failed.stream().flatMap(List::stream).toList());
        if (unmatched > 0) {
            ctx.results()
                    .note("P4: " + unmatched + " failures could not be matched to the simulator's request log "
                            + "(its prompt excerpt no longer shows the role?)");
        }
        ctx.results().add("p4.failures", "failures", latencies.size());
        ctx.results().add("p4.p50_ms", "ms", Stats.percentile(latencies, 50));
        ctx.results().add("p4.p99_ms", "ms", Stats.percentile(latencies, 99));
        PhaseContext.log(String.format(
                "  P4: %d failures, p50 %.0f ms p99 %.0f ms",
                latencies.size(), Stats.percentile(latencies, 50), Stats.percentile(latencies, 99)));
    }

    /** Splits the path at the gateway's database write: dead letter → {@code failed} written → seen on SSE. */
    private static void stages(PhaseContext ctx, List<Failed> failed) {
        Map<UUID, Instant[]> times =
                ctx.db().failureTimes(failed.stream().map(Failed::id).toList());
        List<Double> toDb = new ArrayList<>();
        List<Double> toStream = new ArrayList<>();
        for (Failed operation : failed) {
            Instant[] t = times.get(operation.id());
            if (t != null) {
                toDb.add(Duration.between(t[0], t[1]).toNanos() / 1e6);
                toStream.add(Duration.between(t[1], operation.seen().at()).toNanos() / 1e6);
            }
        }
        ctx.results().add("p4.stage.dead_letter_to_db_p50_ms", "ms", Stats.percentile(toDb, 50));
        ctx.results().add("p4.stage.dead_letter_to_db_p99_ms", "ms", Stats.percentile(toDb, 99));
        ctx.results().add("p4.stage.db_to_sse_p50_ms", "ms", Stats.percentile(toStream, 50));
        ctx.results().add("p4.stage.db_to_sse_p99_ms", "ms", Stats.percentile(toStream, 99));
    }

    private static <T> List<T> each(
            ExecutorService pool, List<Participant> participants, java.util.function.Function<Participant, T> task) {
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Participant participant : participants) {
                futures.add(pool.submit(() -> task.apply(participant)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return Collections.unmodifiableList(results);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
