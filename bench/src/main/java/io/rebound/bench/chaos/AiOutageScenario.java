package io.rebound.bench.chaos;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The provider fails every call for 60 s. With the circuit breaker (the default) the worker stops consuming once half
 * of its recent calls failed, so operations wait instead of failing and finish after the outage; without it, each
 * operation fails after its 4 attempts and an SRE redrives the dead letters afterwards.
 */
final class AiOutageScenario extends Scenario {
    private final boolean breaker;

    AiOutageScenario(Stage stage, boolean breaker) {
        super(stage);
        this.breaker = breaker;
    }

    @Override
    String name() {
        return breaker ? "ai-outage" : "ai-outage-no-breaker";
    }

    @Override
    Outcome run() throws Exception {
        if (!breaker) {
            stack.stopWorker(0);
            stack.startWorker(0, Map.of("REBOUND_BREAKER_ENABLED", "false"));
        }
        String name = name();
        String title = breaker
                ? "AI provider down for 60 s, circuit breaker on (default)"
                : "AI provider down for 60 s, circuit breaker off, then a redrive";
        Trial trial = trial(name, title).startLoad();
        try {
            trial.at(at(0.1));
            simulator.addFault(Map.of("status", 503, "message", "chaos: provider outage"));
            Instant outageStart = Instant.now();
            trial.mark("AI provider answers 503 to every call");
            trial.at(at(0.1) + 60);
            simulator.clearFaults();
            Instant outageEnd = Instant.now();
            trial.mark("AI provider healthy again");
            trial.awaitLoad();
            Outcome first = trial.settle(ledger, SETTLE, "", breaker);
            Map<UUID, Ledger.Row> rows = ledger.operations(trial.sessions());
            long lastFinish = rows.values().stream()
                    .map(Ledger.Row::finishedAt)
                    .filter(java.util.Objects::nonNull)
                    .mapToLong(Instant::toEpochMilli)
                    .max()
                    .orElse(outageEnd.toEpochMilli());
            double drained = (lastFinish - outageEnd.toEpochMilli()) / 1e3;
            trial.fact("last operation finished after the outage ended", String.format("%.1f s", drained));
            List<Ledger.Row> failed = rows.values().stream()
                    .filter(r -> r.parentId() == null && "FAILED".equals(r.status()))
                    .toList();
            String fault = "every AI call failing with 503 for 60 s from " + pct(0.1) + " of the load"
                    + (breaker ? "" : "; then a redrive of the dead letters");
            String answered =
                    String.format("the last operation finished %.1f s after it; %d failed", drained, failed.size());
            if (breaker) {
                Outcome outcome = trial.outcome(fault, first.counts());
                return withCheck(
                        outcome, "everyone had an answer within 60 s of the outage's end", drained <= 60, answered);
            }
            trial.fact("failed during the outage, created → failed p50 / p99 / max", Trial.latency(failed));
            long slowestFailure = ledger
                    .attemptSpans(failed.stream().map(Ledger.Row::id).toList())
                    .values()
                    .stream()
                    .mapToLong(Long::longValue)
                    .max()
                    .orElse(0);
            trial.fact(
                    "failed during the outage, first attempt → failed, slowest",
                    String.format("%.1f s", slowestFailure / 1e3));
            trial.fact(
                    "why these failed",
                    config.nonBlocking()
                            ? "failed attempts wait on operations.requested-retry (1 + 2 + 4 s apart) without"
                                    + " holding a consumer thread, so an operation fails once its 4 attempts fell in"
                                    + " the outage"
                            : "the back-off sleeps on the consumer thread, so each of the 3 threads spends at least"
                                    + " 7 s (4 attempts, 1 + 2 + 4 s apart) on every operation that fails, and the"
                                    + " operations behind it wait on their partitions and complete after the outage");
            // An SRE redrives what the outage dead-lettered, the way the runbook says.
            JsonNode plan = admin(
                    "POST",
                    "/api/v1/admin/dead-letters/redrive",
                    Map.of(
                            "filter",
                            Map.of(
                                    "error_code",
                                    "AI_UNAVAILABLE",
                                    "since",
                                    outageStart.minusSeconds(5).toString()),
                            "dry_run",
                            false,
                            "rate_per_second",
                            50,
                            "max_records",
                            5000));
            trial.mark("SRE redrives the dead letters: " + plan.path("matched").asInt() + " matched");
            Set<UUID> failedIds = failed.stream().map(Ledger.Row::id).collect(Collectors.toSet());
            long deadline = System.nanoTime() + SETTLE.toNanos();
            Map<UUID, Ledger.Row> after;
            do {
                Thread.sleep(1_000);
                after = ledger.operations(trial.sessions());
            } while (System.nanoTime() < deadline && recovered(after, failedIds) < failedIds.size());
            long recovered = recovered(after, failedIds);
            trial.mark("redriven operations settled: " + recovered + " of " + failedIds.size() + " completed");
            List<Ledger.Row> children = after.values().stream()
                    .filter(r -> r.parentId() != null && failedIds.contains(r.parentId()))
                    .toList();
            trial.fact("redriven operations, created → finished p50 / p99 / max", Trial.latency(children));
            Outcome outcome = trial.outcome(fault, withRecovered(first.counts(), recovered));
            outcome = withCheck(
                    outcome, "everyone had an answer within 60 s of the outage's end", drained <= 60, answered);
            // Blocking mode: a thread owns several partitions and retries their failing records in turn, each back-off
            // on
            // the thread: the attempts of one operation stretch when its neighbours fail too.
            outcome = withCheck(
                    outcome,
                    "a failing operation failed within 60 s of its first attempt (4 attempts"
                            + (config.nonBlocking()
                                    ? ", waiting on the retry topic in between)"
                                    : "; the retries of the other partitions its thread owns come in between)"),
                    !failed.isEmpty() && slowestFailure <= 60_000,
                    String.format(
                            "%d failed, the slowest %.1f s after its first attempt",
                            failed.size(), slowestFailure / 1e3));
            return withCheck(
                    outcome,
                    "every failed operation completed after the redrive",
                    recovered == failedIds.size(),
                    recovered + " of " + failedIds.size());
        } finally {
            if (!breaker) {
                stack.stopWorker(0);
                stack.startWorker(0, Map.of());
            }
        }
    }

    private static long recovered(Map<UUID, Ledger.Row> rows, Set<UUID> failed) {
        return rows.values().stream()
                .filter(r -> r.parentId() != null && failed.contains(r.parentId()) && "COMPLETED".equals(r.status()))
                .count();
    }

    private static Map<String, Long> withRecovered(Map<String, Long> counts, long recovered) {
        Map<String, Long> copy = new java.util.LinkedHashMap<>(counts);
        copy.put("recovered", recovered);
        return copy;
    }
}
