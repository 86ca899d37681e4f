package io.rebound.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReliabilityReportTest {

    @TempDir
    Path dir;

    @Test
    void aScenarioThatLostAnOperationIsReportedAsFailedWithTheCheckThatCaughtIt() throws Exception {
        Outcome clean = outcome("worker-kill", 0, new Outcome.Check("nothing lost", true, "0 missing"));
        Outcome lossy = outcome("postgres-stop", 2, new Outcome.Check("nothing lost", false, "2 not completed"));

        new ReliabilityReport(config(), List.of(clean, lossy), Duration.ofSeconds(75)).write();

        String md = Files.readString(dir.resolve("RELIABILITY.md"));
        assertThat(md).contains("**1 of 2 scenarios passed every check.**");
        assertThat(md).contains("| title of worker-kill | 1000 | 1000 | 0 | 0 | — | 1000 | 0 | — | 0 | 0 | 0 |");
        assertThat(md).containsPattern("\\| title of postgres-stop \\|.*\\| 2 \\|.*\\*\\*FAILED\\*\\* \\|");
        assertThat(md).contains("- ❌ nothing lost — 2 not completed");
        assertThat(md).contains("+ 12.0 s  something broke");
        assertThat(Files.readString(dir.resolve("chaos/results.json"))).contains("\"postgres-stop\"");
    }

    @Test
    void theInFlightKillIsDescribedAndASkippedScenarioIsListedWithItsReason() throws Exception {
        Outcome inFlight = outcome("worker-kill-in-flight", 0, new Outcome.Check("nothing lost", true, "0 missing"));

        new ReliabilityReport(
                        config(), List.of(inFlight), Map.of("two-of-each", "not this time"), Duration.ofSeconds(75))
                .write();

        String md = Files.readString(dir.resolve("RELIABILITY.md"));
        assertThat(md)
                .contains("the in-flight kill sends a burst of 600 requests instead, with the AI answering in 2 s");
        assertThat(md).contains("retry mode `non-blocking` (the default: up to 256 AI calls in flight per worker");
        assertThat(md).contains("- Skipped: `two-of-each` (not this time).");
        assertThat(md).contains("**Offsets follow durable outcomes.**");
        assertThat(md)
                .contains("the per-user limits on AI work set to `REBOUND_USER_MAX_OPEN_OPERATIONS=5000`,"
                        + " `REBOUND_USER_MAX_OPERATIONS_PER_MINUTE=100000`");
    }

    @Test
    void theBlockingModeIsReportedAsSuch() throws Exception {
        Outcome clean = outcome("worker-kill", 0, new Outcome.Check("nothing lost", true, "0 missing"));

        new ReliabilityReport(config(ChaosConfig.BLOCKING), List.of(clean), Duration.ofSeconds(75)).write();

        String md = Files.readString(dir.resolve("RELIABILITY.md"));
        assertThat(md).contains("retry mode `blocking`");
        assertThat(md).contains("each failing operation holds its consumer thread for its 4 attempts");
        assertThat(md).doesNotContain("the in-flight kill sends").doesNotContain("Offsets follow durable outcomes");
    }

    @Test
    void configReadsTheWorkersRetryModeAndSizesTheInFlightBurstForItsLimit() {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "CHAOS_DATA_DIR", "/tmp/x",
                "CHAOS_GATEWAY_JAR", "g.jar",
                "CHAOS_WORKER_JAR", "w.jar",
                "CHAOS_SIMULATOR_JAR", "s.jar",
                "CHAOS_STACK_CP", "cp"));
        ChaosConfig defaults = ChaosConfig.fromEnv(env);
        assertThat(defaults.nonBlocking()).isTrue();
        assertThat(defaults.maxInFlight()).isEqualTo(256);
        assertThat(defaults.inFlightBurst()).isEqualTo(600);
        assertThat(defaults.scenarios()).contains("worker-kill-in-flight");

        env.put("REBOUND_RETRY_MODE", "Blocking");
        env.put("REBOUND_WORKER_MAX_IN_FLIGHT", "500");
        ChaosConfig blocking = ChaosConfig.fromEnv(env);
        assertThat(blocking.nonBlocking()).isFalse();
        assertThat(blocking.inFlightBurst()).isEqualTo(1000);
    }

    @Test
    void theInFlightGaugeIsTheValueOfItsActuatorMetricsDocument() {
        String body = """
                {"name":"rebound.worker.in.flight","description":"AI calls running now","baseUnit":null,
                 "measurements":[{"statistic":"VALUE","value":256.0}],
                 "availableTags":[{"tag":"application","values":["rebound-ai-worker"]}]}
                """;
        assertThat(WorkerMetrics.value(body)).hasValue(256.0);
        assertThat(WorkerMetrics.value("{\"measurements\":[{\"statistic\":\"COUNT\",\"value\":3}]}"))
                .isEmpty();
        assertThat(WorkerMetrics.value("not json")).isEmpty();
    }

    @Test
    void latencyIsTheNearestRankOverFinishedOperations() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<Ledger.Row> rows = new java.util.ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            rows.add(row(t0, t0.plusMillis(i * 100L)));
        }
        rows.add(row(t0, null)); // still open: not part of the figure

        assertThat(Trial.latency(rows)).isEqualTo("5.10 s / 9.90 s / 10.00 s");
        assertThat(Trial.latency(List.of(row(t0, null)))).isEqualTo("none finished");
    }

    private static Ledger.Row row(Instant created, Instant finished) {
        return new Ledger.Row(
                UUID.randomUUID(),
                finished == null ? "PENDING" : "COMPLETED",
                null,
                created,
                finished,
                null,
                "user",
                1);
    }

    private static Outcome outcome(String name, long lost, Outcome.Check check) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("attempted", 1000L);
        counts.put("accepted", 1000L);
        counts.put("refused", 0L);
        counts.put("no_answer", 0L);
        counts.put("completed", 1000L - lost);
        counts.put("failed", 0L);
        counts.put("lost", lost);
        counts.put("completed_twice", 0L);
        counts.put("ai_ran_twice", 0L);
        return new Outcome(
                name,
                "title of " + name,
                "fault of " + name,
                counts,
                Map.of("settled", "3 s"),
                List.of("+ 12.0 s  something broke"),
                List.of(check));
    }

    private ChaosConfig config() {
        return config(ChaosConfig.NON_BLOCKING);
    }

    private ChaosConfig config(String mode) {
        return new ChaosConfig(
                dir,
                dir,
                Path.of("g.jar"),
                Path.of("w.jar"),
                Path.of("s.jar"),
                "",
                List.of(),
                1000,
                25,
                100,
                38000,
                Scenarios.NAMES,
                mode,
                256,
                600);
    }
}
