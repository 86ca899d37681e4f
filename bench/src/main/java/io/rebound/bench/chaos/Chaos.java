package io.rebound.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code make chaos}: starts its own stack, runs each fault scenario under steady load, and writes
 * {@code docs/RELIABILITY.md}. Exits 1 if any scenario lost an operation, completed one twice, or failed a check.
 */
public final class Chaos {

    private Chaos() {}

    public static void main(String[] args) throws Exception {
        ChaosConfig config = ChaosConfig.fromEnv(System.getenv());
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        long started = System.nanoTime();
        try (ChaosStack stack = new ChaosStack(config)) {
            log("starting PostgreSQL, Kafka, the AI simulator, a gateway and a worker in " + config.dataDir());
            stack.startPostgres();
            stack.startKafka("kafka", 1);
            stack.startSimulator();
            stack.startGateway(0);
            stack.startWorker(0);
            for (Scenario scenario : Scenarios.selected(config.scenarios(), Scenario.Stage.on(stack, config))) {
                String name = scenario.name();
                Optional<String> skip = scenario.skipReason();
                if (skip.isPresent()) {
                    log("scenario " + name + " skipped: " + skip.get());
                    skipped.put(name, skip.get());
                    continue;
                }
                log("scenario " + name);
                long scenarioStart = System.nanoTime();
                Outcome outcome;
                try {
                    outcome = scenario.run();
                } catch (Exception | AssertionError e) {
                    e.printStackTrace();
                    outcome = new Outcome(
                            name,
                            name,
                            "the scenario could not finish",
                            Map.of(),
                            Map.of(),
                            List.of(),
                            List.of(new Outcome.Check("the scenario ran to the end", false, e.toString())));
                }
                Map<String, String> facts = new LinkedHashMap<>(outcome.facts());
                facts.put(
                        "scenario took",
                        Duration.ofNanos(System.nanoTime() - scenarioStart).toSeconds() + " s");
                outcome = new Outcome(
                        outcome.name(),
                        outcome.title(),
                        outcome.fault(),
                        outcome.counts(),
                        facts,
                        outcome.timeline(),
                        outcome.checks());
                outcomes.add(outcome);
                log(name + ": " + (outcome.passed() ? "passed" : "FAILED") + " " + outcome.counts());
                outcome.checks().stream()
                        .filter(c -> !c.passed())
                        .forEach(c -> log("  failed check: " + c.what() + " (" + c.detail() + ")"));
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        new ReliabilityReport(config, outcomes, skipped, took).write();
        log("wrote " + config.outputDir().resolve("RELIABILITY.md") + " after " + took.toMinutes() + " min "
                + took.toSecondsPart() + " s");
        boolean passed = !outcomes.isEmpty() && outcomes.stream().allMatch(Outcome::passed);
        System.exit(passed ? 0 : 1);
    }

    static void log(String message) {
        System.out.println("[chaos " + java.time.LocalTime.now().withNano(0) + "] " + message);
    }
}
