package io.rebound.bench.chaos;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** The dead-letter topic deleted before the load and created again halfway, with poison requests. */
final class DltMissingScenario extends Scenario {
    private static final String DLT = "operations.requested-dlt";
    private static final String POISON = "chaos-poison";

    DltMissingScenario(Stage stage) {
        super(stage);
    }

    @Override
    String name() {
        return "dlt-missing";
    }

    @Override
    Outcome run() throws Exception {
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
}
