package io.rebound.bench.chaos;

import io.rebound.bench.client.GatewayUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Bad input on every endpoint and every partition, and the records other services write on Kafka. */
final class BadInputScenario extends Scenario {

    BadInputScenario(Stage stage) {
        super(stage);
    }

    @Override
    String name() {
        return "bad-input";
    }

    @Override
    Outcome run() throws Exception {
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
}
