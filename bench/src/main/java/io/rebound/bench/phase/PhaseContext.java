package io.rebound.bench.phase;

import io.rebound.bench.BenchConfig;
import io.rebound.bench.client.GatewayUser;
import io.rebound.bench.client.Http;
import io.rebound.bench.client.SimulatorClient;
import io.rebound.bench.load.Participant;
import io.rebound.bench.measure.Database;
import io.rebound.bench.measure.PrometheusText;
import io.rebound.bench.measure.Results;
import io.rebound.bench.stack.KafkaProbe;
import io.rebound.bench.stack.RetryMode;
import io.rebound.bench.stack.Stack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
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
    /** A non-blocking worker's consumers per listener: REBOUND_WORKER_CONSUMERS, which passes through, else the worker's default, 2. */
    private static final int NON_BLOCKING_CONSUMERS = Integer.parseInt(
            System.getenv().getOrDefault("REBOUND_WORKER_CONSUMERS", "2").trim());

    static final String REQUESTED_TOPIC = "operations.requested";
    static final String RETRY_TOPIC = "operations.requested-retry";
    static final String IN_FLIGHT = "rebound_worker_in_flight";
    static final String IN_FLIGHT_LIMIT = "rebound_worker_in_flight_limit";
    /**
     * A closed loop with more users than this per AI call the workers can run at once queues for so long that users
     * time out and the queue outlives the phase; such a run is skipped with a note instead.
     */
    static final int MAX_USERS_PER_CALL = 8;

    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);

    public GatewayUser signIn(String email) {
        return GatewayUser.signIn(http, stack.gatewayUrl(), email, PASSWORD);
    }

    /** {@code count} virtual users, each signed in on its own and watching its own new session, in parallel. */
    List<Participant> participants(int count, String rolePrefix) {
        return participants(count, rolePrefix, 1, 0);
    }

    /**
     * {@code count} virtual users numbered from {@code first}, each watching its own new session; one sign-in is
     * shared by up to {@code perSignIn} of them (a sign-in runs BCrypt, about 90 ms of gateway CPU, which for hundreds
     * of users would be minutes of set-up on a small machine and is not what is measured).
     */
    List<Participant> participants(int count, String rolePrefix, int perSignIn, int first) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(count, 8)));
        try {
            List<Future<GatewayUser>> signIns = new ArrayList<>();
            for (int i = 0; i < count; i += perSignIn) {
                signIns.add(pool.submit(() -> signIn(USER)));
            }
            List<GatewayUser> users = new ArrayList<>();
            for (Future<GatewayUser> future : signIns) {
                users.add(future.get());
            }
            List<Future<Participant>> joining = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String role = rolePrefix.replace("#", String.format("%02d", first + i));
                GatewayUser user = users.get(i / perSignIn);
                joining.add(pool.submit(() -> Participant.join(user, role)));
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

    /** The worker processes in the bench's default retry mode, with every partition assigned. */
    void workers(int count, int concurrency) {
        workers(count, concurrency, config.retryMode());
    }

    /**
     * The worker processes as configured now, with every partition of {@code operations.requested} assigned; records
     * what the first worker says about its concurrency model (its in-flight limit, or that it has none). Returns how
     * many worker processes it started (their JIT has not compiled anything yet).
     */
    int workers(int count, int concurrency, RetryMode mode) {
        int started = 0;
        for (int i = 0; i < count; i++) {
            if (stack.startWorker(i, concurrency, mode)) {
                started++;
            }
        }
        for (int i = count; i < 4; i++) {
            stack.stopWorker(i);
        }
        // The blocking mode has one consumer per thread; the non-blocking one REBOUND_WORKER_CONSUMERS per worker.
        int consumersPerWorker = mode == RetryMode.BLOCKING ? concurrency : NON_BLOCKING_CONSUMERS;
        kafka.awaitAssigned(
                WORKER_GROUP,
                REQUESTED_TOPIC,
                Math.min(PARTITIONS, count * consumersPerWorker),
                PARTITIONS,
                Duration.ofSeconds(120));
        OptionalDouble limit = inFlightLimit(0);
        results.context(
                "worker_in_flight_limit." + mode.key(),
                limit.isPresent() ? String.valueOf((long) limit.getAsDouble()) : "absent");
        return started;
    }

    /** Remembers the retry mode a phase's figures were measured in, for the report. */
    void recordMode(String phase, RetryMode mode) {
        results.context("mode." + phase, mode.value());
    }

    /** Worker {@code index}'s {@code rebound_worker_in_flight_limit}, empty if it exposes none (or is not up). */
    OptionalDouble inFlightLimit(int index) {
        try {
            return PrometheusText.sum(
                    http.getText(stack.workerUrl(index) + "/actuator/prometheus", Duration.ofSeconds(10)),
                    IN_FLIGHT_LIMIT);
        } catch (RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * How many AI calls worker {@code index} can run at once: its consumer threads in blocking mode, its in-flight
     * limit in non-blocking mode. A worker without the in-flight gauges predates the non-blocking model and runs
     * blocking whatever {@code REBOUND_RETRY_MODE} says.
     */
    int capacity(int index) {
        int threads = stack.workerConcurrency(index);
        if (stack.workerMode(index) != RetryMode.NON_BLOCKING) {
            return threads;
        }
        OptionalDouble limit = inFlightLimit(index);
        return limit.isPresent() ? (int) limit.getAsDouble() : threads;
    }

    /**
     * False (with a note) if {@code users} closed-loop users are too many for what the workers can run at once: the
     * run would queue for minutes. Happens when a worker without the non-blocking model is asked for it.
     */
    boolean canCarry(String phase, int users, int workers) {
        int calls = capacity(0) * workers;
        if (users <= MAX_USERS_PER_CALL * calls) {
            return true;
        }
        String why = stack.workerMode(0) == RetryMode.NON_BLOCKING
                        && inFlightLimit(0).isEmpty()
                ? "the worker exposes no " + IN_FLIGHT_LIMIT + ", so it predates the non-blocking model and runs"
                        + " blocking whatever REBOUND_RETRY_MODE says"
                : "the workers run " + calls + " AI calls at a time";
        results.note(phase + ": skipped " + users + " users with " + workers + " " + stack.workerMode(0)
                + " worker(s): " + why + ", and that many users would queue for minutes");
        return false;
    }

    static void log(String message) {
        System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), message);
    }
}
