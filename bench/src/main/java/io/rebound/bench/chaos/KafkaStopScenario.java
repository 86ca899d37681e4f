package io.rebound.bench.chaos;

import java.time.Instant;

/** The only Kafka broker stopped for 15 s while requests keep arriving, restarted. */
final class KafkaStopScenario extends Scenario {

    KafkaStopScenario(Stage stage) {
        super(stage);
    }

    @Override
    String name() {
        return "kafka-stop";
    }

    @Override
    Outcome run() throws Exception {
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
}
