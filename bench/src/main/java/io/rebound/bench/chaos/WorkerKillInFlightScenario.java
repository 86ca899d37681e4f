package io.rebound.bench.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import tools.jackson.databind.JsonNode;

/**
 * SIGKILL of a worker that holds at least {@value #IN_FLIGHT_TARGET} AI calls in flight (non-blocking model). The
 * provider answers every call of the scenario in 2 s. A burst through a cold gateway on a small machine does not
 * reliably arrive fast enough (200 calls of 2 s need 100 requests/s for 2 s), so the burst is queued on
 * operations.requested while the worker is stopped and the worker starts on that backlog, more than it may take at
 * once. The suite watches {@code rebound_worker_in_flight} from the moment the worker's metrics answer, and the
 * simulator's calls still being answered, and kills the worker the first time both read 200 or more: the gauge counts
 * attempts from their start, before the synchronous {@code processing} event and the AI call, so on a loaded machine
 * it reads 200 while the provider has not received a single call yet. Accounting as for the other scenarios, plus the
 * simulator's count of AI calls against the operations (how many ran again) and the time to recover.
 */
final class WorkerKillInFlightScenario extends Scenario {
    /** AI calls the worker must hold in flight when it is killed. */
    static final int IN_FLIGHT_TARGET = 200;
    /** After the SIGKILL, how long the requests the worker had written before it may take to arrive. */
    private static final long KILLED_REQUESTS_ARRIVE_MS = 1_000;
    /** The provider's answer time: long enough for calls to pile up. */
    static final int IN_FLIGHT_AI_DELAY_MS = 2_000;

    private static final String REQUESTED = "operations.requested";
    private static final double BURST_RATE = 100;
    /** Requests the simulator lists under {@code recent} on {@code /admin/requests}. */
    private static final int SIMULATOR_RECENT = 200;

    WorkerKillInFlightScenario(Stage stage) {
        super(stage);
    }

    @Override
    String name() {
        return "worker-kill-in-flight";
    }

    @Override
    Outcome run() throws Exception {
        try {
            return killInFlight();
        } finally {
            simulator.clearFaults();
            if (!stack.workerAlive(0)) {
                stack.startWorker(0); // the next scenario needs it, whatever went wrong here
            }
        }
    }

    /** A blocking worker runs at most {@code REBOUND_WORKER_CONCURRENCY} AI calls at once: nothing to kill. */
    @Override
    Optional<String> skipReason() {
        if (!config.nonBlocking()) {
            return Optional.of("REBOUND_RETRY_MODE=" + config.retryMode() + ": a worker holds at most"
                    + " REBOUND_WORKER_CONCURRENCY (3) AI calls in flight, never " + IN_FLIGHT_TARGET);
        }
        return Optional.empty();
    }

    private Outcome killInFlight() throws Exception {
        String marker = "chaos worker-kill-in-flight ";
        int burst = config.inFlightBurst();
        Trial trial = trial(
                "worker-kill-in-flight",
                "Worker killed with SIGKILL holding ≥ " + IN_FLIGHT_TARGET + " AI calls in flight, restarted");
        simulator.resetRequests();
        // Every prompt of the scenario carries its sessions' role, so the simulator counts exactly its calls.
        simulator.addFault(Map.of("delay_ms", IN_FLIGHT_AI_DELAY_MS, "when_prompt_contains", marker));
        try (Admin admin = admin()) {
            stack.stopWorker(0);
            long before = requestedRecords(admin);
            trial.startLoad(burst, BURST_RATE);
            trial.mark("ai-worker-1 stopped (SIGTERM) before the load; every AI call of the scenario answers after "
                    + IN_FLIGHT_AI_DELAY_MS / 1000 + " s");
            trial.awaitLoad();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long saved = ledger.operations(trial.sessions()).size();
            long queued = requestedRecords(admin) - before;
            while (queued < saved && System.nanoTime() < deadline) {
                Thread.sleep(200);
                saved = ledger.operations(trial.sessions()).size();
                queued = requestedRecords(admin) - before;
            }
            trial.mark(queued + " requests of " + saved + " saved waiting on " + REQUESTED);
        }

        // Start the worker on the backlog and kill it the first time the gauge reads the target.
        WorkerMetrics metrics = new WorkerMetrics(stack.workerUrl(0));
        stack.launchWorker(0, Map.of());
        long launched = System.nanoTime();
        trial.mark("ai-worker-1 started on the backlog (" + config.retryMode() + " mode, up to " + config.maxInFlight()
                + " AI calls in flight)");
        long firstAnswer = 0;
        boolean exposed = false;
        double peak = 0;
        double atKill = 0;
        int providerPeak = 0;
        int providerAtKill = 0;
        boolean reached = false;
        while (true) {
            if (!stack.workerAlive(0)) {
                throw new IllegalStateException("ai-worker-1 exited before it was killed; see its log");
            }
            WorkerMetrics.Sample sample = metrics.sample();
            long now = System.nanoTime();
            if (sample.answered() && firstAnswer == 0) {
                firstAnswer = now;
                trial.mark("ai-worker-1 answers on /actuator/metrics");
            }
            if (sample.inFlight().isPresent()) {
                exposed = true;
                atKill = sample.inFlight().getAsDouble();
                peak = Math.max(peak, atKill);
                if (atKill >= IN_FLIGHT_TARGET) {
                    reached = true;
                    providerAtKill = providerInFlight();
                    providerPeak = Math.max(providerPeak, providerAtKill);
                    if (providerAtKill >= IN_FLIGHT_TARGET) {
                        break;
                    }
                } else if (reached) {
                    // The backlog is draining and the provider never held the target (a machine too busy for the
                    // worker to start 100 calls a second): kill it now, while calls are in flight; the check fails.
                    providerAtKill = providerInFlight();
                    break;
                }
            }
            if (firstAnswer != 0 && now - firstAnswer > Duration.ofSeconds(60).toNanos()) {
                break; // never got there: kill it anyway, the check below fails
            }
            if (now - launched > Duration.ofSeconds(180).toNanos()) {
                throw new IllegalStateException("ai-worker-1 did not answer on /actuator/metrics within 180 s");
            }
            Thread.sleep(100);
        }
        Instant killedAt = Instant.now();
        long killed = System.nanoTime();
        stack.killWorker(0);
        // A request the killed worker had already written to its socket still reaches the simulator: count them too.
        Thread.sleep(KILLED_REQUESTS_ARRIVE_MS);
        long callsBeforeKill = scenarioCalls(marker);
        long finishedBeforeKill = ledger.operations(trial.sessions()).values().stream()
                .filter(Ledger.Row::terminal)
                .count();
        trial.mark("ai-worker-1 killed (SIGKILL) with "
                + (exposed
                        ? fmt(atKill) + " attempts in flight (" + WorkerMetrics.IN_FLIGHT + ")"
                        : "an unknown number of attempts in flight (it has no " + WorkerMetrics.IN_FLIGHT + ")")
                + " and " + providerCount(providerAtKill) + " AI calls being answered by the provider; the simulator"
                + " had received " + callsBeforeKill + " of its calls, " + finishedBeforeKill
                + " operations had finished");
        stack.startWorker(0);
        Instant healthyAt = Instant.now();
        double restart = (System.nanoTime() - killed) / 1e9;
        trial.mark("ai-worker-1 started again and healthy");

        String fault = "a burst of " + burst + " requests queued while the only worker was stopped, every AI call"
                + " answering in " + IN_FLIGHT_AI_DELAY_MS / 1000 + " s; the worker started on that backlog and was"
                + " killed (SIGKILL) as soon as " + WorkerMetrics.IN_FLIGHT + " and the provider's calls being answered"
                + " both read " + IN_FLIGHT_TARGET + " or more, then restarted";
        long settling = System.nanoTime();
        Outcome outcome = trial.settle(ledger, SETTLE, fault, true);
        trial.fact(
                "settled",
                String.format("%.1f s after the worker was healthy again", (System.nanoTime() - settling) / 1e9));
        Map<UUID, Ledger.Row> rows = ledger.operations(trial.sessions());
        long calls = scenarioCalls(marker);
        long operations = outcome.count("operations");
        // Every completed operation needed one call; nothing else fails in this scenario (a timed-out one may have had
        // none), so the calls beyond those ran again.
        long completed = outcome.count("completed");
        long repeated = calls - completed;
        java.util.function.ToLongFunction<Ledger.Row> finish =
                r -> r.finishedAt().toEpochMilli();
        java.util.OptionalLong last = rows.values().stream()
                .filter(r -> r.finishedAt() != null)
                .mapToLong(finish)
                .max();
        java.util.OptionalLong firstAfter = rows.values().stream()
                .filter(r -> r.finishedAt() != null && r.finishedAt().isAfter(killedAt))
                .mapToLong(finish)
                .min();
        double recovered = last.isPresent() ? (last.getAsLong() - killedAt.toEpochMilli()) / 1e3 : Double.NaN;
        double drained = last.isPresent() ? (last.getAsLong() - healthyAt.toEpochMilli()) / 1e3 : Double.NaN;

        trial.fact(
                "in flight at the kill",
                (exposed
                                ? fmt(atKill) + " attempts in the worker (" + WorkerMetrics.IN_FLIGHT + "; it may run "
                                        + config.maxInFlight() + ")"
                                : "unknown in the worker (it does not expose " + WorkerMetrics.IN_FLIGHT + ")")
                        + ", " + providerCount(providerAtKill) + " AI calls being answered by the provider (the"
                        + " simulator's requests without an answer yet), both read at most 100 ms before the SIGKILL");
        trial.fact(
                "AI calls the simulator had received before the kill",
                callsBeforeKill + ", while " + finishedBeforeKill + " operations had finished");
        trial.fact(
                "AI calls for the scenario's operations",
                calls + " for " + operations + " operations, " + completed + " completed: " + repeated
                        + " calls ran again (after the restart, for the calls whose result the killed worker had not"
                        + " made durable)");
        trial.fact("time to recover: kill → worker healthy again", String.format("%.1f s", restart));
        trial.fact(
                "time to recover: kill → first operation finished after it",
                firstAfter.isPresent()
                        ? String.format("%.1f s", (firstAfter.getAsLong() - killedAt.toEpochMilli()) / 1e3)
                        : "none finished");
        trial.fact("time to recover: kill → every operation finished", String.format("%.1f s", recovered));
        trial.fact(
                "time to recover: worker healthy again → every operation finished", String.format("%.1f s", drained));

        outcome = trial.outcome(outcome.fault(), outcome.counts());
        outcome = withCheck(
                outcome,
                "the worker held at least " + IN_FLIGHT_TARGET + " AI calls in flight when it was killed",
                exposed && atKill >= IN_FLIGHT_TARGET && providerAtKill >= IN_FLIGHT_TARGET,
                exposed
                        ? fmt(atKill) + " attempts (" + fmt(peak) + " the most read) and "
                                + providerCount(providerAtKill) + " calls at the provider ("
                                + providerCount(providerPeak) + " the most read)"
                        : "the worker has no " + WorkerMetrics.IN_FLIGHT + " gauge (not the non-blocking worker)");
        outcome = withCheck(
                outcome,
                "only AI calls started before the kill ran again",
                repeated >= 0 && repeated <= callsBeforeKill,
                repeated + " ran again, " + callsBeforeKill + " had started before the kill");
        return withCheck(
                outcome,
                "every operation finished within 60 s of the restarted worker being healthy (its JVM's start, which"
                        + " depends on the machine, not counted)",
                drained <= 60,
                String.format("the last %.1f s after it (%.1f s after the kill)", drained, recovered));
    }

    /** Records ever written to {@code operations.requested}: the sum of its partitions' end offsets. */
    private static long requestedRecords(Admin admin) throws Exception {
        List<org.apache.kafka.common.TopicPartition> partitions =
                admin.describeTopics(List.of(REQUESTED)).allTopicNames().get().get(REQUESTED).partitions().stream()
                        .map(p -> new org.apache.kafka.common.TopicPartition(REQUESTED, p.partition()))
                        .toList();
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                partitions.stream()
                        .collect(Collectors.toMap(p -> p, p -> org.apache.kafka.clients.admin.OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream()
                .mapToLong(org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo::offset)
                .sum();
    }

    /**
     * AI calls the simulator is still answering: its newest requests without a status. With a fixed answer time those
     * are exactly the calls in flight, and it keeps the last {@value #SIMULATOR_RECENT}, so this is the lesser of the
     * two.
     */
    private int providerInFlight() {
        int open = 0;
        for (JsonNode request :
                http.getJson(stack.simulatorUrl() + "/admin/requests").path("recent")) {
            if (request.path("status").isNull() || request.path("status").isMissingNode()) {
                open++;
            }
        }
        return open;
    }

    private static String providerCount(int open) {
        return open >= SIMULATOR_RECENT ? "at least " + open : Integer.toString(open);
    }

    /** Completion requests the simulator received whose prompt contains {@code marker}, since its last reset. */
    private long scenarioCalls(String marker) {
        return http.getJson(stack.simulatorUrl() + "/admin/requests")
                .path("by_rule")
                .path(marker)
                .asLong();
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format("%.1f", value);
    }
}
