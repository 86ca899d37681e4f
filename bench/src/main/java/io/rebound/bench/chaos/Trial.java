package io.rebound.bench.chaos;

import io.rebound.bench.chaos.Load.Answer;
import io.rebound.bench.chaos.Load.Kind;
import io.rebound.bench.chaos.Load.VirtualUser;
import io.rebound.bench.chaos.Outcome.Check;
import io.rebound.bench.client.GatewayUser;
import io.rebound.bench.client.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * One scenario's run: its own signed-in users and interview sessions, the load, a timeline of what was broken when,
 * and the accounting at the end, which compares what the users were told with what the database and Kafka hold.
 */
final class Trial {

    static final int USERS = 8;
    private static final String[] ACCOUNTS = {"ada@example.com", "bob@example.com"};

    private final String name;
    private final String title;
    private final ChaosStack stack;
    private final ChaosConfig config;
    private final Http http;
    private final List<String> timeline = new ArrayList<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final List<Check> checks = new ArrayList<>();
    private List<VirtualUser> users = List.of();
    private long startNanos;
    private Load load;
    private List<Answer> answers = List.of();

    Trial(String name, String title, ChaosStack stack, ChaosConfig config, Http http) {
        this.name = name;
        this.title = title;
        this.stack = stack;
        this.config = config;
        this.http = http;
    }

    /** Signs {@link #USERS} users in on every gateway, each with an interview session for the role of its index. */
    Trial withUsers(IntFunction<String> role) {
        List<VirtualUser> created = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            Map<String, GatewayUser> byGateway = new LinkedHashMap<>();
            for (String gateway : stack.gatewayUrls()) {
                byGateway.put(gateway, GatewayUser.signIn(http, gateway, ACCOUNTS[i % 2], "rebound"));
            }
            UUID session = byGateway.values().iterator().next().createSession(role.apply(i));
            created.add(new VirtualUser(byGateway, session));
        }
        users = created;
        return this;
    }

    Trial startLoad() {
        return startLoad(config.operations());
    }

    Trial startLoad(int operations) {
        return startLoad(operations, config.rate());
    }

    Trial startLoad(int operations, double rate) {
        startNanos = System.nanoTime();
        load = new Load(users, stack.gatewayUrls()).start(operations, rate);
        mark("load started: " + operations + " question requests at " + rate + "/s over "
                + stack.gatewayUrls().size() + " gateway(s)");
        return this;
    }

    /** Sleeps until {@code seconds} after the load started. */
    void at(double seconds) throws InterruptedException {
        long due = startNanos + (long) (seconds * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    double elapsed() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    void mark(String event) {
        String line = startNanos == 0 ? "before load: " + event : String.format("+%5.1f s  %s", elapsed(), event);
        timeline.add(line);
        System.out.println("[chaos " + name + "] " + line);
    }

    void fact(String name, String value) {
        facts.put(name, value);
    }

    void check(String what, boolean passed, String detail) {
        checks.add(new Check(what, passed, detail));
    }

    List<Answer> awaitLoad() throws InterruptedException {
        answers = load.await();
        mark("load finished: " + answers.size() + " requests answered or given up");
        return answers;
    }

    List<UUID> sessions() {
        return users.stream().map(VirtualUser::sessionId).toList();
    }

    Set<UUID> accepted() {
        return answers.stream()
                .map(Answer::operationId)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    List<Answer> answers() {
        return answers;
    }

    /**
     * Waits until every operation is completed or failed (or {@code settle} passes), then counts. {@code expectAll}
     * says whether every operation should have completed (no AI fault in the scenario).
     */
    Outcome settle(Ledger ledger, Duration settle, String fault, boolean expectAllCompleted)
            throws InterruptedException {
        Set<UUID> accepted = accepted();
        long settleStart = System.nanoTime();
        Map<UUID, Ledger.Row> rows = ledger.awaitSettled(sessions(), accepted, settle);
        double settledAfter = (System.nanoTime() - settleStart) / 1e9;
        mark("settled (every operation completed or failed)"
                + (rows.values().stream().allMatch(Ledger.Row::terminal)
                        ? ""
                        : " NOT within " + settle.toSeconds() + " s"));
        List<Ledger.Row> originals =
                rows.values().stream().filter(r -> r.parentId() == null).toList();
        Set<UUID> inDatabase = rows.keySet();
        long missing = accepted.stream().filter(id -> !inDatabase.contains(id)).count();
        long open = originals.stream().filter(r -> !r.terminal()).count();
        long completed =
                originals.stream().filter(r -> "COMPLETED".equals(r.status())).count();
        long failed =
                originals.stream().filter(r -> "FAILED".equals(r.status())).count();
        long timedOut = originals.stream()
                .filter(r -> "TIMED_OUT".equals(r.errorCode()))
                .count();
        Map<UUID, Integer> twice = ledger.resultsWrittenTwice(sessions());
        int withoutResult = ledger.completedWithoutResult(sessions());
        Map<UUID, Integer> completedEvents = Ledger.completedEvents(stack.kafkaBootstrap(), rows.keySet());
        long ranTwice = completedEvents.values().stream().filter(n -> n > 1).count();
        long unknownAccepted =
                originals.stream().filter(r -> !accepted.contains(r.id())).count();

        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("attempted", (long) answers.size());
        counts.put("accepted", (long) accepted.size());
        counts.put("refused", count(Kind.PROBLEM));
        counts.put("unclear", count(Kind.UNCLEAR));
        counts.put("no_answer", count(Kind.NO_ANSWER));
        counts.put("accepted_unheard", unknownAccepted);
        counts.put("operations", (long) originals.size());
        counts.put("completed", completed);
        counts.put("failed", failed);
        counts.put("timed_out", timedOut);
        counts.put("lost", missing + open + withoutResult);
        counts.put("completed_twice", (long) twice.size());
        counts.put("ai_ran_twice", ranTwice);

        fact("refusals", summarize(Kind.PROBLEM));
        if (count(Kind.UNCLEAR) > 0) {
            fact("unclear answers", summarize(Kind.UNCLEAR));
        }
        if (count(Kind.NO_ANSWER) > 0) {
            fact("requests without an answer", summarize(Kind.NO_ANSWER));
        }
        fact("time to completed or failed (created → finished), p50 / p99 / max", latency(originals));
        fact("settled", String.format("%.1f s after the load finished", settledAfter));
        Map<String, Long> errors = originals.stream()
                .filter(r -> "FAILED".equals(r.status()))
                .collect(
                        Collectors.groupingBy(r -> String.valueOf(r.errorCode()), TreeMap::new, Collectors.counting()));
        if (!errors.isEmpty()) {
            fact("failed by error code", errors.toString());
        }

        check(
                "nothing lost",
                missing + open + withoutResult == 0,
                missing
                        + " accepted operations missing from the database, " + open + " not completed or failed "
                        + settle.toSeconds() + " s after the load, " + withoutResult
                        + " completed without their result");
        check("nothing completed twice", twice.isEmpty(), twice.size() + " results written twice");
        check(
                "every answer is a 202 or a problem+json",
                count(Kind.UNCLEAR) == 0,
                count(Kind.UNCLEAR) + " other answers");
        long serverErrors = answers.stream()
                .filter(a -> a.kind() != Kind.NO_ANSWER
                        && a.detail().startsWith("5")
                        && !a.detail().startsWith("503"))
                .count();
        check(
                "no request answered with a server error (503 while something is down is the only 5xx)",
                serverErrors == 0,
                serverErrors + " other 5xx answers");
        check("no operation left to the watchdog", timedOut == 0, timedOut + " failed as TIMED_OUT");
        if (expectAllCompleted) {
            check("every operation completed", completed == originals.size(), completed + " of " + originals.size());
        }
        return outcome(fault, counts);
    }

    Outcome outcome(String fault, Map<String, Long> counts) {
        return new Outcome(
                name, title, fault, counts, new LinkedHashMap<>(facts), List.copyOf(timeline), List.copyOf(checks));
    }

    private long count(Kind kind) {
        return answers.stream().filter(a -> a.kind() == kind).count();
    }

    private String summarize(Kind kind) {
        Map<String, Long> byDetail = answers.stream()
                .filter(a -> a.kind() == kind)
                .collect(Collectors.groupingBy(Answer::detail, TreeMap::new, Collectors.counting()));
        if (byDetail.isEmpty()) {
            return "none";
        }
        List<Long> tookMs = answers.stream()
                .filter(a -> a.kind() == kind)
                .map(a -> a.took().toMillis())
                .sorted()
                .toList();
        return byDetail.entrySet().stream()
                        .map(e -> e.getValue() + " × " + e.getKey())
                        .collect(Collectors.joining(", "))
                + String.format(
                        " (answered after p50 %d ms, max %d ms)",
                        tookMs.get(tookMs.size() / 2), tookMs.get(tookMs.size() - 1));
    }

    static String latency(List<Ledger.Row> rows) {
        List<Long> ms = rows.stream()
                .map(Ledger.Row::elapsed)
                .filter(Objects::nonNull)
                .map(Duration::toMillis)
                .sorted()
                .toList();
        if (ms.isEmpty()) {
            return "none finished";
        }
        return String.format(
                "%.2f s / %.2f s / %.2f s",
                ms.get(ms.size() / 2) / 1e3,
                ms.get(Math.min(ms.size() - 1, (int) Math.ceil(ms.size() * 0.99) - 1)) / 1e3,
                ms.get(ms.size() - 1) / 1e3);
    }
}
