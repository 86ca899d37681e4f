package io.rebound.bench.chaos;

import java.time.Instant;

/** PostgreSQL stopped for 10 s under load. */
final class PostgresStopScenario extends Scenario {

    PostgresStopScenario(Stage stage) {
        super(stage);
    }

    @Override
    String name() {
        return "postgres-stop";
    }

    @Override
    Outcome run() throws Exception {
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
}
