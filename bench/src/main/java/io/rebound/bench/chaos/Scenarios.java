package io.rebound.bench.chaos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The faults in the order they run. The stack is shared in this order: one gateway and one worker on one broker up
 * to {@code dlt-missing}, a second gateway and worker for {@code two-of-each}, then a fresh 3-node cluster for the
 * last.
 */
final class Scenarios {

    private static final Map<String, Function<Scenario.Stage, Scenario>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("bad-input", BadInputScenario::new);
        ALL.put("worker-kill", WorkerKillScenario::new);
        ALL.put("worker-kill-in-flight", WorkerKillInFlightScenario::new);
        ALL.put("kafka-stop", KafkaStopScenario::new);
        ALL.put("postgres-stop", PostgresStopScenario::new);
        ALL.put("ai-outage", stage -> new AiOutageScenario(stage, true));
        ALL.put("ai-outage-no-breaker", stage -> new AiOutageScenario(stage, false));
        ALL.put("dlt-missing", DltMissingScenario::new);
        ALL.put("two-of-each", TwoOfEachScenario::new);
        ALL.put("broker-kill", BrokerKillScenario::new);
    }

    static final List<String> NAMES = List.copyOf(ALL.keySet());

    private Scenarios() {}

    /** The scenarios among {@code names}, in the order they run. */
    static List<Scenario> selected(List<String> names, Scenario.Stage stage) {
        return ALL.entrySet().stream()
                .filter(entry -> names.contains(entry.getKey()))
                .map(entry -> entry.getValue().apply(stage))
                .toList();
    }
}
