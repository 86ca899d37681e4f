package io.rebound.bench.phase;

import io.rebound.bench.BenchConfig;
import io.rebound.bench.client.GatewayUser;
import io.rebound.bench.client.Http;
import io.rebound.bench.client.SimulatorClient;
import io.rebound.bench.load.Participant;
import io.rebound.bench.measure.Database;
import io.rebound.bench.measure.Results;
import io.rebound.bench.stack.KafkaProbe;
import io.rebound.bench.stack.Stack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** What every phase works with: the stack, clients of its parts, and the results being collected. */
public record PhaseContext(
        BenchConfig config,
        Stack stack,
        Results results,
        Http http,
        Database db,
        KafkaProbe kafka,
        SimulatorClient simulator) {

    static final String USER = "ada@example.com";
    static final String ADMIN = "sre@example.com";
    static final String PASSWORD = "rebound";
    static final String WORKER_GROUP = "rebound-ai-worker";
    static final int PARTITIONS = 12;
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);

    public GatewayUser signIn(String email) {
        return GatewayUser.signIn(http, stack.gatewayUrl(), email, PASSWORD);
    }

    /** {@code count} virtual users, each signed in on its own and watching its own new session, in parallel. */
    List<Participant> participants(int count, String rolePrefix) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, 8));
        try {
            List<Future<Participant>> joining = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String role = rolePrefix.replace("#", String.format("%02d", i));
                joining.add(pool.submit(() -> Participant.join(signIn(USER), role)));
            }
            List<Participant> participants = new ArrayList<>();
            for (Future<Participant> future : joining) {
                participants.add(future.get());
            }
            return participants;
        } catch (Exception e) {
            throw new IllegalStateException("could not set up the virtual users: " + e.getMessage(), e);
        } finally {
            pool.shutdown();
        }
    }

    static void closeAll(List<Participant> participants) {
        participants.forEach(Participant::close);
    }

    /** Waits for every open operation to finish, and says so in the report if some did not. */
    void drain(String phase) {
        db.awaitDrained(DRAIN_TIMEOUT);
        long open = db.open();
        if (open > 0) {
            results.note(phase + ": " + open + " operations were still open " + DRAIN_TIMEOUT.toSeconds()
                    + " s after the load stopped");
        }
    }

    /** The worker processes as configured now, with every partition assigned. */
    void workers(int count, int concurrency) {
        for (int i = 0; i < count; i++) {
            stack.startWorker(i, concurrency);
        }
        for (int i = count; i < 4; i++) {
            stack.stopWorker(i);
        }
        kafka.awaitStableGroup(WORKER_GROUP, count * concurrency, PARTITIONS, Duration.ofSeconds(120));
    }

    static void log(String message) {
        System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), message);
    }
}
