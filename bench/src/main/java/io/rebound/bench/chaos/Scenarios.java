package io.rebound.bench.chaos;

import io.rebound.bench.client.GatewayUser;
import io.rebound.bench.client.Http;
import io.rebound.bench.client.SimulatorClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import tools.jackson.databind.JsonNode;

/**
 * The faults, each under the same steady load (the in-flight kill: a burst sized for the worker's in-flight limit).
 * The stack is shared in this order: one gateway and one worker on one broker up to {@code dlt-missing}, a second
 * gateway and worker for {@code two-of-each}, then a fresh 3-node cluster for the last.
 */
final class Scenarios {

    static final List<String> NAMES = List.of(
            "bad-input",
            "worker-kill",
            "worker-kill-in-flight",
            "kafka-stop",
            "postgres-stop",
            "ai-outage",
            "ai-outage-no-breaker",
            "dlt-missing",
            "two-of-each",
            "broker-kill");

    private static final String DLT = "operations.requested-dlt";
    private static final String POISON = "chaos-poison";
    private static final Duration SETTLE = Duration.ofMinutes(4);
    private static final String REQUESTED = "operations.requested";
    /** AI calls the worker must hold in flight when {@code worker-kill-in-flight} kills it. */
    static final int IN_FLIGHT_TARGET = 200;
    /** After the SIGKILL, how long the requests the worker had written before it may take to arrive. */
    private static final long KILLED_REQUESTS_ARRIVE_MS = 1_000;
    /** The provider's answer time in {@code worker-kill-in-flight}: long enough for calls to pile up. */
    static final int IN_FLIGHT_AI_DELAY_MS = 2_000;

    private static final double BURST_RATE = 100;
    /** Requests the simulator lists under {@code recent} on {@code /admin/requests}. */
    private static final int SIMULATOR_RECENT = 200;

    private final ChaosStack stack;
    private final ChaosConfig config;
    private final Http http = new Http();
    private final Ledger ledger;
    private final SimulatorClient simulator;

    Scenarios(ChaosStack stack, ChaosConfig config) {
        this.stack = stack;
        this.config = config;
        this.ledger = new Ledger(stack.jdbcUrl());
        this.simulator = new SimulatorClient(http, stack.simulatorUrl());
    }

    Outcome run(String name) throws Exception {
        return switch (name) {
            case "bad-input" -> badInput();
            case "worker-kill" -> workerKill();
            case "worker-kill-in-flight" -> workerKillInFlight();
            case "kafka-stop" -> kafkaStop();
            case "postgres-stop" -> postgresStop();
            case "ai-outage" -> aiOutage(true);
            case "ai-outage-no-breaker" -> aiOutage(false);
            case "dlt-missing" -> dltMissing();
            case "two-of-each" -> twoOfEach();
            case "broker-kill" -> brokerKill();
            default -> throw new IllegalArgumentException("unknown scenario " + name + "; known: " + NAMES);
        };
    }

    /** How long the load runs, and a point in it as a share of that. */
    private double loadSeconds() {
        return config.operations() / config.rate();
    }

    private double at(double share) {
        return loadSeconds() * share;
    }

    private Trial trial(String name, String title) {
        return new Trial(name, title, stack, config, http).withUsers(i -> "chaos " + name + " " + i);
    }

    private Outcome badInput() throws Exception {
        Trial trial = trial("bad-input", "Bad input: every endpoint, every partition");
        BadInput battery = new BadInput(stack.gatewayUrls().get(0));
        long rowsBefore = BadInput.rows(ledger);
        Map<String, List<String>> answers = battery.http(trial.sessions().get(0).toString());
        long rowsAfter = BadInput.rows(ledger);
        int probes = answers.values().stream().mapToInt(List::size).sum();
        List<String> unclear = answers.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("4") || !e.getKey().contains("problem+json"))
                .flatMap(e -> e.getValue().stream().map(label -> label + " → " + e.getKey()))
                .toList();
        trial.fact("HTTP probes (" + probes + ")", BadInput.describe(answers));
        trial.check(
                "every bad request got a 4xx problem+json, none a 5xx",
                unclear.isEmpty(),
                unclear.isEmpty() ? probes + " of " + probes : String.join("; ", unclear));
        trial.check(
                "no bad request stored anything",
                rowsAfter == rowsBefore,
                (rowsAfter - rowsBefore) + " rows added to sessions, messages, operations and the audit trail");
        int allowed = ChaosStack.SIGN_IN_FAILURES_PER_ACCOUNT;
        List<String> guesses = battery.wrongPasswords(allowed);
        trial.check(
                "wrong passwords are throttled: " + allowed + " × 401, then 429 problem+json with Retry-After",
                guesses.subList(0, allowed).stream().allMatch(answer -> answer.equals("401 problem+json"))
                        && guesses.get(allowed).startsWith("429 problem+json Retry-After"),
                String.join("; ", guesses));

        String gateway = stack.gatewayUrls().get(0);
        TrustBoundaries trust = new TrustBoundaries(stack.kafkaBootstrap(), gateway, ledger);
        GatewayUser ada = GatewayUser.signIn(http, gateway, "ada@example.com", "rebound");
        GatewayUser bob = GatewayUser.signIn(http, gateway, "bob@example.com", "rebound");
        Map<org.apache.kafka.common.TopicPartition, Long> deadLettersFrom = trust.deadLetterEnds();
        org.apache.kafka.clients.admin.ConfigEntry dltLimit = null;
        try {
            TrustBoundaries.Victims victims = victims(trial, trust, ada);
            Fakes fakes = otherServicesRecords(trial, trust, victims);

            dltLimit = trust.limitDeadLetterTopic();
            Instant since = Instant.now().minusSeconds(1);
            int big = trust.sendBig(12);
            int poison = BadInput.sendPoison(stack.kafkaBootstrap(), 12);
            int load = Math.min(config.operations(), 250);
            int cap = config.userLimits().maxStreams();
            int streams = cap <= 50 ? cap + 4 : 14;
            List<long[]> timed;
            java.util.Set<Integer> ended;
            try (TrustBoundaries.IdleStreams idle =
                    TrustBoundaries.IdleStreams.open(ada, trial.sessions().get(0), streams)) {
                trial.mark(big + " records of " + TrustBoundaries.NEAR_BROKER_LIMIT + " bytes (with "
                        + TrustBoundaries.REQUESTED_DLT + " at the broker's default limit, "
                        + TrustBoundaries.BROKER_DEFAULT_MAX_MESSAGE_BYTES
                        + " bytes, as a topic created by hand has it) and " + poison
                        + " poison records sent to the 12 partitions of operations.requested ("
                        + String.join(", ", BadInput.POISON.keySet()) + "); " + idle.size() + " event streams of"
                        + " ada's opened and never read " + idle.statuses());
                trial.startLoad(load);
                trial.mark("then " + load + " valid requests behind them; bob's requests timed meanwhile");
                timed = TrustBoundaries.probe(bob, 20, Duration.ofMillis(250));
                trial.awaitLoad();
                ended = idle.ended(Duration.ofSeconds(3));
            }
            streamChecks(trial, streams, cap, ended, timed);

            long[] deadLetters = BadInput.deadLetters(ledger, since);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (deadLetters[0] < poison + big && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                deadLetters = BadInput.deadLetters(ledger, since);
            }
            trial.mark(deadLetters[0] + " dead letters of operations.requested indexed, " + deadLetters[1]
                    + " with a reason");
            bigRecordChecks(trial, trust, big, since);
            trust.restoreDeadLetterTopic(dltLimit);
            dltLimit = null;
            trial.check(
                    "every poison and oversized record became a dead letter with a reason",
                    deadLetters[0] == poison + big && deadLetters[1] == poison + big,
                    deadLetters[1] + " of " + (poison + big) + " (" + deadLetters[0] + " dead letters in all)");
            victimChecks(trial, trust, ada, bob, victims, fakes);
            indexChecks(trial, trust, deadLettersFrom);

            Outcome outcome = trial.settle(
                    ledger,
                    SETTLE,
                    probes + " bad HTTP requests, then records of other services on Kafka (spoofed sessions,"
                            + " reused operation ids, junk dead letters), then " + big + " records just under the"
                            + " broker's limit and " + poison + " poison Kafka records ahead of " + load
                            + " valid requests, with " + streams + " event streams never read",
                    true);
            return partitionChecks(outcome, trial);
        } finally {
            simulator.clearFaults();
            if (dltLimit != null) {
                trust.restoreDeadLetterTopic(dltLimit);
            }
        }
    }

    /** What the scenario wrote as other services, and the victims as they were when the gateway had refused it. */
    private record Fakes(
            Map<String, UUID> spoofed,
            TrustBoundaries.Row completedBefore,
            TrustBoundaries.Row openAtRefusal,
            int junk,
            Instant since,
            double skippedBefore,
            boolean refusedInTime) {}

    /**
     * Two operations in a session of ada's: one completed, and one whose AI call the simulator holds for
     * {@link TrustBoundaries#OPEN_VICTIM_AI_DELAY_MS}, so that it is still open while the fakes about it arrive.
     */
    private TrustBoundaries.Victims victims(Trial trial, TrustBoundaries trust, GatewayUser ada)
            throws InterruptedException {
        UUID session = ada.createSession(trust.victimRole());
        UUID completed = ada.askQuestion(session);
        boolean done = TrustBoundaries.await(
                () -> {
                    TrustBoundaries.Row row = trust.rows(List.of(completed)).get(completed);
                    return row != null && "COMPLETED".equals(row.status());
                },
                Duration.ofSeconds(60));
        if (!done) {
            throw new IllegalStateException("the completed victim " + completed + " did not complete within 60 s");
        }
        simulator.addFault(Map.of(
                "delay_ms", TrustBoundaries.OPEN_VICTIM_AI_DELAY_MS, "when_prompt_contains", trust.victimRole()));
        UUID open = ada.askQuestion(session);
        trial.mark("victims in ada's session " + session + ": " + completed + " completed, " + open + " in flight (the"
                + " provider answers it after " + TrustBoundaries.OPEN_VICTIM_AI_DELAY_MS / 1000 + " s)");
        return new TrustBoundaries.Victims(session, completed, open);
    }

    /**
     * As another service: requests by bob naming ada's session (claiming sources {@code api} and {@code manual}), a
     * request reusing each victim's id with bob's prompt, and junk on operations.requested-dlt keyed with each
     * victim's id. Waits until the gateway has indexed the junk and refused the duplicate of the open victim.
     */
    private Fakes otherServicesRecords(Trial trial, TrustBoundaries trust, TrustBoundaries.Victims victims)
            throws InterruptedException {
        Instant since = Instant.now().minusSeconds(1);
        TrustBoundaries.Row completedBefore =
                trust.rows(List.of(victims.completed())).get(victims.completed());
        double skippedBefore = WorkerMetrics.skippedFinished(stack.workerUrl(0));
        Map<String, UUID> spoofed = trust.sendSpoofed(victims.sessionId(), List.of("api", "manual"));
        trust.sendDuplicates(victims);
        int junk = trust.sendJunkDeadLetters(victims);
        trial.mark("as another service: " + spoofed.size() + " requests by bob naming ada's session (claiming source "
                + String.join(" and ", spoofed.keySet()) + "), 2 requests reusing the victims' ids, " + junk
                + " junk records on " + TrustBoundaries.REQUESTED_DLT + " keyed with them ("
                + String.join(
                        ", ",
                        TrustBoundaries.junkFor(victims.open(), victims.sessionId())
                                .keySet()) + ")");
        List<String> keys = victims.both().stream().map(UUID::toString).toList();
        boolean refusedInTime = TrustBoundaries.await(
                () -> trust.indexed(TrustBoundaries.REQUESTED_DLT, keys, since).size() >= junk
                        && trust
                                .indexed(
                                        TrustBoundaries.STATUS_DLT,
                                        List.of(victims.open().toString()),
                                        since)
                                .stream()
                                .anyMatch(row -> "DUPLICATE_OPERATION".equals(row.errorCode())),
                Duration.ofMillis(TrustBoundaries.OPEN_VICTIM_AI_DELAY_MS / 2));
        TrustBoundaries.Row openAtRefusal = trust.rows(List.of(victims.open())).get(victims.open());
        trial.mark((refusedInTime
                        ? "junk indexed and the duplicate of the open victim dead-lettered"
                        : "junk or the duplicate's dead letter NOT indexed within "
                                + TrustBoundaries.OPEN_VICTIM_AI_DELAY_MS / 2000 + " s")
                + "; the open victim is " + openAtRefusal.status());
        return new Fakes(spoofed, completedBefore, openAtRefusal, junk, since, skippedBefore, refusedInTime);
    }

    /** Points 9 and 10: nothing another service wrote reached ada's session or changed or failed her operations. */
    private void victimChecks(
            Trial trial,
            TrustBoundaries trust,
            GatewayUser ada,
            GatewayUser bob,
            TrustBoundaries.Victims victims,
            Fakes fakes)
            throws InterruptedException {
        List<UUID> watched = new java.util.ArrayList<>(victims.both());
        watched.addAll(fakes.spoofed().values());
        TrustBoundaries.await(
                () -> trust.rows(watched).size() == watched.size()
                        && trust.rows(watched).values().stream().noneMatch(TrustBoundaries.Row::open),
                Duration.ofSeconds(90));
        Map<UUID, TrustBoundaries.Row> rows = trust.rows(watched);
        Map<UUID, Integer> messages = trust.messagesByOperation(victims.sessionId());
        String adasView = ada.tryGet("/api/v1/sessions/" + victims.sessionId()).body();

        // 1. Spoofed session.
        List<String> spoofProblems = new java.util.ArrayList<>();
        for (Map.Entry<String, UUID> spoof : fakes.spoofed().entrySet()) {
            UUID id = spoof.getValue();
            TrustBoundaries.Row row = rows.get(id);
            String label = "claiming " + spoof.getKey() + " (" + id + ")";
            if (row == null) {
                spoofProblems.add(label + " never reached the gateway");
                continue;
            }
            JsonNode bobsView = bob.get("/api/v1/operations/" + id);
            int adasAnswer = ada.tryGet("/api/v1/operations/" + id).statusCode();
            if (!"COMPLETED".equals(row.status())) {
                spoofProblems.add(label + " ended " + row.status());
            }
            if (row.sessionId() != null || messages.containsKey(id) || adasView.contains(id.toString())) {
                spoofProblems.add(label + " attached to session " + row.sessionId());
            }
            if (!"external".equals(bobsView.path("source").asString(""))) {
                spoofProblems.add(label + " has source " + bobsView.path("source"));
            }
            if (adasAnswer != 404) {
                spoofProblems.add(label + " answered ada " + adasAnswer);
            }
        }
        trial.check(
                "a request another service wrote with bob as requester and ada's session is not attached to it, and"
                        + " is `external` whatever source it claims",
                spoofProblems.isEmpty(),
                spoofProblems.isEmpty()
                        ? fakes.spoofed().size() + " of " + fakes.spoofed().size() + " (claiming "
                                + String.join(", ", fakes.spoofed().keySet()) + ") completed as bob's, source"
                                + " `external`, without a session; ada's session holds none of them and her"
                                + " GET of each answers 404"
                        : String.join("; ", spoofProblems));

        // 2. Duplicate operation id.
        TrustBoundaries.Row completedAfter = rows.get(victims.completed());
        TrustBoundaries.Row openAfter = rows.get(victims.open());
        List<TrustBoundaries.Indexed> duplicates = trust
                .indexed(
                        TrustBoundaries.STATUS_DLT,
                        victims.both().stream().map(UUID::toString).toList(),
                        fakes.since())
                .stream()
                .filter(row -> "DUPLICATE_OPERATION".equals(row.errorCode()))
                .toList();
        long ofOpen = duplicates.stream()
                .filter(row -> row.key().equals(victims.open().toString()))
                .count();
        long ofCompleted = duplicates.size() - ofOpen;
        String reason = duplicates.stream()
                .filter(row -> row.key().equals(victims.open().toString()))
                .findFirst()
                .map(row -> trust.asSre("/api/v1/admin/dead-letters/" + row.id())
                        .path("headers")
                        .path("rebound_reason")
                        .asString(""))
                .orElse("");
        double skipped = WorkerMetrics.skippedFinished(stack.workerUrl(0)) - fakes.skippedBefore();
        boolean completedUnchanged = fakes.completedBefore().equals(completedAfter);
        boolean openUnchanged = fakes.openAtRefusal().open()
                && "COMPLETED".equals(openAfter.status())
                && openAfter.errorCode() == null
                && messages.getOrDefault(victims.open(), 0) == 1;
        boolean duplicateOfOpenRefused = ofOpen > 0 && reason.contains("ForeignOperationEventException");
        trial.check(
                "a request reusing an existing operation's id with another body never changes it; the one for the"
                        + " operation in flight is dead-lettered on operations.status-dlt as DUPLICATE_OPERATION",
                completedUnchanged && openUnchanged && duplicateOfOpenRefused && fakes.refusedInTime(),
                "completed victim " + (completedUnchanged ? "unchanged" : "CHANGED: " + completedAfter) + " (its"
                        + " duplicate: " + ofCompleted + " DUPLICATE_OPERATION dead letters; the worker skipped "
                        + Math.round(skipped) + " record(s) as already finished); victim in flight "
                        + fakes.openAtRefusal().status() + " when its duplicate's " + ofOpen + " status events were"
                        + " dead-lettered (reason `" + abbreviate(reason, 60) + "`), then " + openAfter.status()
                        + " by its own request" + (openAfter.errorCode() == null ? "" : " " + openAfter.errorCode())
                        + ", " + messages.getOrDefault(victims.open(), 0) + " result in ada's session");

        // 3. Junk on the dead-letter topic.
        List<TrustBoundaries.Indexed> junk = trust.indexed(
                TrustBoundaries.REQUESTED_DLT,
                victims.both().stream().map(UUID::toString).toList(),
                fakes.since());
        long attributed = junk.stream()
                .filter(row -> row.operationId() != null && victims.both().contains(row.operationId()))
                .count();
        boolean noneFailed = !"FAILED".equals(fakes.openAtRefusal().status())
                && !"FAILED".equals(openAfter.status())
                && !"FAILED".equals(completedAfter.status());
        trial.check(
                "junk on operations.requested-dlt keyed with someone's operation (not its request, without the"
                        + " worker's headers) fails nothing",
                junk.size() == fakes.junk()
                        && attributed == 0
                        && noneFailed
                        && fakes.openAtRefusal().open(),
                junk.size() + " of " + fakes.junk() + " indexed, " + attributed + " of them attributed to a victim"
                        + "; the victim in flight was "
                        + fakes.openAtRefusal().status() + " once they were"
                        + " indexed and ended " + openAfter.status() + ", the completed one "
                        + completedAfter.status());
        trial.fact(
                "records of other services",
                fakes.spoofed().size() + " requests naming another user's session, 2 reusing operation ids, "
                        + fakes.junk() + " junk dead letters; ada's victims session holds results of "
                        + messages.size() + " operations (" + messages.keySet() + ")");
    }

    /** Point 11: each record just under the broker's limit is an SRE-visible dead letter: an excerpt and its size. */
    private void bigRecordChecks(Trial trial, TrustBoundaries trust, int big, Instant since)
            throws InterruptedException {
        List<String> keys =
                java.util.stream.IntStream.range(0, big).mapToObj(trust::bigKey).toList();
        TrustBoundaries.await(
                () -> trust.indexed(TrustBoundaries.REQUESTED_DLT, keys, since).size() >= big, Duration.ofSeconds(60));
        List<String> problems = new java.util.ArrayList<>();
        Set<Integer> partitions = new java.util.TreeSet<>();
        Map<String, Long> seen = new java.util.TreeMap<>();
        for (TrustBoundaries.Indexed row : trust.indexed(TrustBoundaries.REQUESTED_DLT, keys, since)) {
            JsonNode detail = trust.asSre("/api/v1/admin/dead-letters/" + row.id());
            String size = detail.path("headers").path("rebound_original_size").asString("");
            int payload = detail.path("payload").asString("").length();
            String code = detail.path("dead_letter").path("error_code").asString("");
            int partition =
                    detail.path("dead_letter").path("original_partition").asInt(-1);
            seen.merge("original size " + size + ", payload " + payload + " bytes, " + code, 1L, Long::sum);
            if (!size.equals(Integer.toString(TrustBoundaries.NEAR_BROKER_LIMIT))
                    || payload != TrustBoundaries.EXCERPT_BYTES
                    || !row.key().equals(trust.bigKey(partition))) {
                problems.add(row.key() + ": " + size + " / " + payload + " / partition " + partition);
            }
            partitions.add(partition);
        }
        trial.check(
                "every record just under the broker's limit is a dead letter an SRE sees as an excerpt with its"
                        + " original size (admin API)",
                problems.isEmpty() && partitions.size() == big,
                partitions.size() + " of " + big + " partitions: "
                        + seen.entrySet().stream()
                                .map(e -> e.getValue() + " × " + e.getKey())
                                .collect(Collectors.joining(", "))
                        + (problems.isEmpty() ? "" : "; wrong: " + String.join("; ", problems)));
    }

    /** Point 4: streams nobody reads hold nothing; over the cap, the user's oldest are ended. */
    private void streamChecks(Trial trial, int opened, int cap, Set<Integer> ended, List<long[]> timed) {
        long ok = timed.stream().filter(t -> t[0] == 200).count();
        List<Long> ms = timed.stream().map(t -> t[1]).sorted().toList();
        long slowest = ms.get(ms.size() - 1);
        trial.check(
                "with " + opened + " event streams of ada's never read, bob's requests are answered promptly (all 200,"
                        + " each within 2 s)",
                ok == timed.size() && slowest <= 2_000,
                ok + " of " + timed.size() + " answered 200, p50 " + ms.get(ms.size() / 2) + " ms, max " + slowest
                        + " ms; the load's operations completed (below)");
        if (opened > cap) {
            Set<Integer> oldest =
                    java.util.stream.IntStream.range(0, opened - cap).boxed().collect(Collectors.toSet());
            trial.check(
                    "over the cap of " + cap + " streams per user, the gateway ended the oldest",
                    ended.equals(oldest),
                    ended.size() + " of " + opened + " ended by the gateway " + new java.util.TreeSet<>(ended)
                            + " (0 = oldest), " + (opened - ended.size()) + " still open");
        } else {
            trial.fact(
                    "event streams per user",
                    "cap " + cap + " (REBOUND_LIVE_MAX_STREAMS_PER_USER) is above the " + opened
                            + " opened: the cap itself was not exercised");
        }
    }

    /** Point 13: every record written on either dead-letter topic during the scenario is in the index. */
    private void indexChecks(Trial trial, TrustBoundaries trust, Map<org.apache.kafka.common.TopicPartition, Long> from)
            throws InterruptedException {
        Map<org.apache.kafka.common.TopicPartition, Long> to = trust.deadLetterEnds();
        TrustBoundaries.await(
                () -> trust.indexedBetween(from, to).values().stream().allMatch(c -> c[0] == c[1]),
                Duration.ofSeconds(60));
        Map<String, long[]> counts = trust.indexedBetween(from, to);
        trial.check(
                "no dead letter vanishes: every record written on " + String.join(" and ", counts.keySet())
                        + " during the scenario is in the index",
                counts.values().stream().allMatch(c -> c[0] == c[1]) && counts.size() == 2,
                counts.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()[1] + " of " + e.getValue()[0])
                        .collect(Collectors.joining(", ")));
    }

    /** Point 11: on every partition, the questions behind its large record completed. */
    private Outcome partitionChecks(Outcome outcome, Trial trial) {
        Map<Integer, long[]> byPartition = new java.util.TreeMap<>();
        for (Ledger.Row row : ledger.operations(trial.sessions()).values()) {
            long[] counts = byPartition.computeIfAbsent(TrustBoundaries.partitionOf(row.id(), 12), p -> new long[2]);
            counts[0]++;
            counts[1] += "COMPLETED".equals(row.status()) ? 1 : 0;
        }
        boolean all = byPartition.size() == 12 && byPartition.values().stream().allMatch(c -> c[0] == c[1]);
        long least = byPartition.values().stream().mapToLong(c -> c[1]).min().orElse(0);
        return withCheck(
                outcome,
                "no record stalls a partition: on each of the 12, the questions sent after its large and poison"
                        + " records completed",
                all,
                byPartition.size() + " of 12 partitions got questions, "
                        + byPartition.values().stream()
                                .filter(c -> c[0] == c[1])
                                .count() + " completed them all"
                        + " (at least " + least + " per partition)");
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    private Outcome workerKill() throws Exception {
        Trial trial = trial("worker-kill", "Worker killed with SIGKILL mid-load, restarted")
                .startLoad();
        trial.at(at(0.3));
        stack.killWorker(0);
        trial.mark("ai-worker-1 killed (SIGKILL) with records in flight");
        trial.at(at(0.3) + 3);
        stack.startWorker(0);
        trial.mark("ai-worker-1 started again and healthy");
        trial.awaitLoad();
        Outcome outcome = trial.settle(
                ledger,
                SETTLE,
                "SIGKILL of the only worker at " + pct(0.3) + " of the load; restarted 3 s later",
                true);
        return outcome;
    }

    /**
     * Why a scenario does not apply to the stack as configured, if it does not: the in-flight kill needs the
     * non-blocking worker, a blocking one runs at most {@code REBOUND_WORKER_CONCURRENCY} AI calls at once.
     */
    java.util.Optional<String> skipReason(String name) {
        if ("worker-kill-in-flight".equals(name) && !config.nonBlocking()) {
            return java.util.Optional.of("REBOUND_RETRY_MODE=" + config.retryMode() + ": a worker holds at most"
                    + " REBOUND_WORKER_CONCURRENCY (3) AI calls in flight, never " + IN_FLIGHT_TARGET);
        }
        return java.util.Optional.empty();
    }

    /**
     * SIGKILL of a worker that holds at least {@link #IN_FLIGHT_TARGET} AI calls in flight (non-blocking model). The
     * provider answers every call of the scenario in 2 s. A burst through a cold gateway on a small machine does not
     * reliably arrive fast enough (200 calls of 2 s need 100 requests/s for 2 s), so the burst is queued on
     * operations.requested while the worker is stopped and the worker starts on that backlog, more than it may take at
     * once. The suite watches {@code rebound_worker_in_flight} from the moment the worker's metrics answer, and the
     * simulator's calls still being answered, and kills the worker the first time both read 200 or more: the gauge
     * counts attempts from their start, before the synchronous {@code processing} event and the AI call, so on a
     * loaded machine it reads 200 while the provider has not received a single call yet. Accounting as for the other
     * scenarios, plus the simulator's count of AI calls against the operations (how many ran again) and the time to
     * recover.
     */
    private Outcome workerKillInFlight() throws Exception {
        try {
            return killInFlight();
        } finally {
            simulator.clearFaults();
            if (!stack.workerAlive(0)) {
                stack.startWorker(0); // the next scenario needs it, whatever went wrong here
            }
        }
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

    private Outcome kafkaStop() throws Exception {
        Trial trial = trial("kafka-stop", "Kafka broker stopped while requests keep arriving, restarted")
                .startLoad();
        trial.at(at(0.25));
        Instant downAt = Instant.now();
        stack.stopKafka();
        trial.mark("Kafka stopped (SIGTERM, the only broker)");
        trial.at(at(0.25) + 15);
        Instant upAt = Instant.now();
        stack.startKafka("kafka", 1);
        trial.mark("Kafka started again on its data");
        trial.awaitLoad();
        long acceptedDuring = trial.answers().stream()
                .filter(a -> a.kind() == Load.Kind.ACCEPTED
                        && !a.sentAt().isBefore(downAt)
                        && a.sentAt().isBefore(upAt))
                .count();
        trial.fact("accepted (202) while Kafka was down, held in the outbox", Long.toString(acceptedDuring));
        Outcome outcome =
                trial.settle(ledger, SETTLE, "the broker down for 15 s from " + pct(0.25) + " of the load", true);
        return withCheck(
                outcome,
                "requests were accepted while Kafka was down",
                acceptedDuring > 0,
                acceptedDuring + " accepted (202) during the outage, all of them delivered afterwards");
    }

    private Outcome postgresStop() throws Exception {
        Trial trial = trial("postgres-stop", "PostgreSQL stopped for 10 s").startLoad();
        trial.at(at(0.25));
        long down = System.nanoTime();
        Instant downAt = Instant.now();
        stack.stopPostgres();
        trial.mark("PostgreSQL stopped (SIGTERM, fast shutdown)");
        Thread.sleep(Math.max(0, 10_000 - (System.nanoTime() - down) / 1_000_000));
        stack.startPostgres();
        Instant upAt = Instant.now();
        trial.mark(String.format("PostgreSQL started again after %.1f s", (System.nanoTime() - down) / 1e9));
        trial.awaitLoad();
        Outcome outcome =
                trial.settle(ledger, SETTLE, "the database down for 10 s from " + pct(0.25) + " of the load", true);
        long refused503 = trial.answers().stream()
                .filter(a -> a.kind() == Load.Kind.PROBLEM && a.detail().startsWith("503"))
                .count();
        long duringOutage = trial.answers().stream()
                .filter(a -> !a.sentAt().isBefore(downAt) && a.sentAt().isBefore(upAt))
                .count();
        return withCheck(
                outcome,
                "the API answered 503 problem+json while the database was down",
                refused503 > 0,
                refused503 + " of the " + duringOutage + " requests sent during the outage got 503 problem+json");
    }

    /**
     * The provider fails every call for 60 s. With the circuit breaker (the default) the worker stops consuming once
     * half of its recent calls failed, so operations wait instead of failing and finish after the outage; without it,
     * each operation fails after its 4 attempts and an SRE redrives the dead letters afterwards.
     */
    private Outcome aiOutage(boolean breaker) throws Exception {
        if (!breaker) {
            stack.stopWorker(0);
            stack.startWorker(0, Map.of("REBOUND_BREAKER_ENABLED", "false"));
        }
        String name = breaker ? "ai-outage" : "ai-outage-no-breaker";
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

    private Outcome dltMissing() throws Exception {
        simulator.addFault(Map.of("status", 400, "when_prompt_contains", POISON, "message", "chaos: poison prompt"));
        Trial trial = new Trial("dlt-missing", "Dead-letter topic missing, created later", stack, config, http)
                .withUsers(i -> i == 0 ? POISON : "chaos dlt-missing " + i);
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(DLT)).all().get();
            trial.startLoad();
            trial.mark(DLT + " deleted; one user in " + Trial.USERS + " asks with a prompt the provider rejects (400)");
            trial.at(at(0.5));
            Set<UUID> poisonSessions = Set.of(trial.sessions().get(0));
            long failedWhileMissing = ledger.operations(poisonSessions).values().stream()
                    .filter(r -> "FAILED".equals(r.status()))
                    .count();
            admin.createTopics(List.of(new NewTopic(DLT, 12, (short) stack.kafkaNodes())))
                    .all()
                    .get();
            trial.mark(DLT + " created again (12 partitions); " + failedWhileMissing
                    + " poison operations marked failed while it was missing");
            trial.awaitLoad();
            Outcome outcome = trial.settle(
                    ledger,
                    SETTLE,
                    "the dead-letter topic deleted before the load and created" + " again at " + pct(0.5)
                            + "; 1 user in 8 sends requests the provider rejects",
                    false);
            Map<UUID, Ledger.Row> poison = ledger.operations(poisonSessions);
            long poisonFailed = poison.values().stream()
                    .filter(r -> "FAILED".equals(r.status()) && "INVALID_REQUEST".equals(r.errorCode()))
                    .count();
            long healthy = outcome.count("operations") - poison.size();
            long healthyCompleted = outcome.count("completed");
            outcome = withCheck(
                    outcome,
                    "no poison record was committed while the topic was missing",
                    failedWhileMissing == 0,
                    failedWhileMissing + " failed before the topic existed");
            outcome = withCheck(
                    outcome,
                    "every poison record dead-lettered once the topic exists",
                    poisonFailed == poison.size(),
                    poisonFailed + " of " + poison.size() + " failed with a dead letter (INVALID_REQUEST)");
            return withCheck(
                    outcome,
                    "every other operation completed",
                    healthyCompleted == healthy,
                    healthyCompleted + " of " + healthy);
        } finally {
            simulator.clearFaults();
        }
    }

    private Outcome twoOfEach() throws Exception {
        stack.startGateway(1);
        stack.startWorker(1);
        Trial trial = trial("two-of-each", "Two gateways and two workers, one of each killed")
                .startLoad();
        trial.at(at(0.3));
        stack.killGateway(1);
        trial.mark("api-gateway-2 killed (SIGKILL); the load balancer sends new requests to api-gateway-1");
        stack.killWorker(1);
        trial.mark("ai-worker-2 killed (SIGKILL); its partitions move to ai-worker-1");
        trial.awaitLoad();
        return trial.settle(
                ledger,
                SETTLE,
                "SIGKILL of one gateway and one worker at " + pct(0.3) + " of the load; not restarted",
                true);
    }

    private Outcome brokerKill() throws Exception {
        stack.stopApplications();
        stack.stopKafka();
        stack.startKafka("cluster", 3);
        stack.startGateway(0);
        stack.startWorker(0);
        Trial trial = trial("broker-kill", "3-broker KRaft cluster (RF 3, min ISR 2, acks=all), one broker killed")
                .startLoad();
        try (Admin admin = admin()) {
            trial.fact("operations.requested before the kill", replicas(admin));
            trial.at(at(0.3));
            stack.killKafkaNode(1);
            trial.mark("kafka-1 killed (SIGKILL): partition leaders and the controller quorum move to the other two");
            trial.at(at(0.3) + 15);
            trial.fact("operations.requested 15 s after the kill", replicas(admin));
        }
        trial.at(at(0.3) + 20);
        stack.startKafkaNode(1);
        trial.mark("kafka-1 started again on its data and catches up");
        trial.awaitLoad();
        return trial.settle(
                ledger,
                SETTLE,
                "SIGKILL of one of three brokers at " + pct(0.3) + " of the load; restarted 20 s later",
                true);
    }

    // ---- helpers

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

    /** Replication of {@code operations.requested} as the cluster reports it: leaders, in-sync replicas, min ISR. */
    private static String replicas(Admin admin) throws Exception {
        String topic = "operations.requested";
        org.apache.kafka.clients.admin.TopicDescription description =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        org.apache.kafka.common.config.ConfigResource resource = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
        String minIsr = admin.describeConfigs(List.of(resource))
                .all()
                .get()
                .get(resource)
                .get("min.insync.replicas")
                .value();
        Map<Integer, Long> leaders = description.partitions().stream()
                .collect(Collectors.groupingBy(
                        p -> p.leader() == null ? -1 : p.leader().id(), java.util.TreeMap::new, Collectors.counting()));
        Map<Integer, Long> isr = description.partitions().stream()
                .collect(Collectors.groupingBy(p -> p.isr().size(), java.util.TreeMap::new, Collectors.counting()));
        return description.partitions().size() + " partitions, replication factor "
                + description.partitions().get(0).replicas().size() + ", min.insync.replicas " + minIsr
                + "; partitions led by broker " + leaders + "; partitions by in-sync replica count " + isr;
    }

    private String pct(double share) {
        return Math.round(share * 100) + " %";
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

    private static Outcome withCheck(Outcome outcome, String what, boolean passed, String detail) {
        List<Outcome.Check> checks = new java.util.ArrayList<>(outcome.checks());
        checks.add(new Outcome.Check(what, passed, detail));
        return new Outcome(
                outcome.name(),
                outcome.title(),
                outcome.fault(),
                outcome.counts(),
                outcome.facts(),
                outcome.timeline(),
                checks);
    }

    private Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        return Admin.create(properties);
    }

    /** An SRE's call to the admin API, with HTTP Basic like the rebound-admin CLI. */
    private JsonNode admin(String method, String path, Object body) {
        String credentials =
                Base64.getEncoder().encodeToString("sre@example.com:rebound".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(stack.gatewayUrls().get(0) + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, Http.body(body))
                .build();
        return http.json(request, 200, 202);
    }
}
