package io.rebound.bench;

import io.rebound.bench.client.Http;
import io.rebound.bench.client.SimulatorClient;
import io.rebound.bench.measure.Database;
import io.rebound.bench.measure.Results;
import io.rebound.bench.phase.ConcurrentCalls;
import io.rebound.bench.phase.CpuProfile;
import io.rebound.bench.phase.FailureVisibility;
import io.rebound.bench.phase.Fairness;
import io.rebound.bench.phase.HeadOfLine;
import io.rebound.bench.phase.Limits;
import io.rebound.bench.phase.PhaseContext;
import io.rebound.bench.phase.Scale;
import io.rebound.bench.phase.Throughput;
import io.rebound.bench.report.Report;
import io.rebound.bench.stack.KafkaProbe;
import io.rebound.bench.stack.ProcFs;
import io.rebound.bench.stack.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code make bench}: starts an isolated stack, runs the phases against it with virtual users in this JVM, stops the
 * stack and writes {@code docs/BENCHMARKS.md} with its charts. A phase that fails is reported and the others still
 * run, so a report is always written.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws IOException {
        BenchConfig config = BenchConfig.fromEnv(System.getenv());
        if (args.length == 2 && args[0].equals("--report-only")) {
            // Renders the report again from a run's results.json, e.g. after changing how it is written.
            Report.write(Results.load(Http.JSON.readTree(Files.readString(Path.of(args[1])))), config);
            return;
        }
        Results results = new Results();
        long start = System.nanoTime();
        describeMachine(config, results);
        Stack stack = new Stack(config);
        Thread stopOnSignal = new Thread(stack::close, "bench-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
            log("starting the stack in " + config.dataDir());
            stack.startInfrastructure();
            stack.startSimulator(0);
            CompletableFuture<Void> gateway = CompletableFuture.runAsync(stack::startGateway);
            stack.startWorker(0, 3);
            gateway.join();
            log("stack up after " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
            Http http = new Http();
            try (Database db = new Database(stack.jdbcUrl(), Stack.DB_USER, Stack.DB_PASSWORD);
                    KafkaProbe kafka = new KafkaProbe(stack.kafkaBootstrap())) {
                db.settings().forEach((name, value) -> results.context("postgres " + name, value));
                PhaseContext ctx = new PhaseContext(
                        config, stack, results, http, db, kafka, new SimulatorClient(http, stack.simulatorUrl()));
                runPhases(config, ctx, results);
            }
        } catch (RuntimeException e) {
            results.note("the bench stopped early: " + e);
            e.printStackTrace();
        } finally {
            stack.close();
            Runtime.getRuntime().removeShutdownHook(stopOnSignal);
        }
        results.context(
                "duration_s", Duration.ofNanos(System.nanoTime() - start).toSeconds());
        Files.writeString(config.dataDir().resolve("results.json"), Http.JSON.writeValueAsString(results.snapshot()));
        Report.write(results, config);
        log("wrote " + config.outputDir().resolve("BENCHMARKS.md") + " and its charts; raw results in "
                + config.dataDir().resolve("results.json"));
    }

    /**
     * P1 comes first: its warm-up also warms the broker, so the Kafka baseline after it is not measured against a cold
     * JIT. The baselines need an idle stack, so they do not overlap with any load. Fairness and P7 (slow model, both
     * modes) end with one blocking worker, which P6 starts from; P3 ends with the default worker, which the profile
     * reuses. The profile comes last (see {@link CpuProfile}).
     */
    private static void runPhases(BenchConfig config, PhaseContext ctx, Results results) {
        phase(
                results,
                "P1/P2",
                config.runs("p1") || config.runs("p2"),
                () -> Throughput.run(ctx, config.runs("p1"), config.runs("p2")));
        phase(results, "Limits", config.runs("limits"), () -> Limits.run(ctx));
        phase(
                results,
                "P4/P5",
                config.runs("p4") || config.runs("p5"),
                () -> FailureVisibility.run(ctx, config.runs("p4"), config.runs("p5")));
        phase(results, "Fairness", config.runs("fairness"), () -> Fairness.run(ctx));
        phase(results, "P7", config.runs("p7"), () -> ConcurrentCalls.run(ctx));
        phase(results, "P6", config.runs("p6"), () -> Scale.run(ctx));
        phase(results, "P3", config.runs("p3"), () -> HeadOfLine.run(ctx));
        phase(results, "Profile", config.runs("profile"), () -> CpuProfile.run(ctx));
    }

    private static void phase(Results results, String name, boolean selected, Runnable phase) {
        if (!selected) {
            return;
        }
        long start = System.nanoTime();
        try {
            phase.run();
        } catch (RuntimeException e) {
            results.note(name + " failed: " + e.getMessage());
            e.printStackTrace();
        }
        results.context(
                "phase " + name + " s",
                Duration.ofNanos(System.nanoTime() - start).toSeconds());
    }

    private static void describeMachine(BenchConfig config, Results results) {
        results.context("date", ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
        results.context("nproc", Runtime.getRuntime().availableProcessors());
        results.context("cpu", ProcFs.cpuModel());
        results.context("memory_gib", String.format("%.1f", ProcFs.memTotalBytes() / 1073741824.0));
        results.context("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        results.context("service_java_opts", String.join(" ", config.javaOpts()));
        results.context("simulator_java_opts", String.join(" ", config.simulatorJavaOpts()));
        results.context("jit_warmup_s", config.jitWarmup().toSeconds());
        results.context("runs", config.runs());
        results.context("warmup_s", config.warmup().toSeconds());
        results.context("measure_s", config.measure().toSeconds());
        results.context("users", config.users());
        results.context("p3_users", config.holUsers());
        results.context("p3_rate", config.holRate());
        results.context("p6_users", config.scaleUsers());
        results.context("failures", config.failures());
        results.context("phases", String.join(",", config.phases()));
        results.context("retry_mode", config.retryMode().value());
        results.context("p6_retry_mode", config.scaleMode().value());
        results.context(
                "p3_settings",
                String.join(
                        ",",
                        config.holSettings().stream()
                                .map(h -> h.mode().value() + ":" + h.concurrency())
                                .toList()));
        BenchConfig.InFlight p7 = config.inFlight();
        results.context("p7_users", p7.users());
        results.context("p7_users_2w", p7.usersTwoWorkers());
        results.context("p7_blocking_users", p7.blockingUsersPerWorker());
        results.context("p7_warmup_s", p7.warmup().toSeconds());
        results.context("p7_measure_s", p7.measure().toSeconds());
        results.context("p7_ai_latency_ms", p7.aiLatencyMs());
        results.context(
                "p7_modes",
                String.join(",", p7.modes().stream().map(m -> m.value()).toList()));
        results.context("fair_flood", config.fairness().flood());
        results.context("fair_users", config.fairness().users());
        results.context("fair_warmup_s", config.fairness().warmup().toSeconds());
        results.context("fair_measure_s", config.fairness().measure().toSeconds());
        StringBuilder tuning = new StringBuilder();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            if (e.getKey().startsWith("REBOUND_") && !e.getKey().equals("REBOUND_DATA_DIR")) {
                tuning.append(e.getKey()).append('=').append(e.getValue()).append(' ');
            }
        }
        results.context("service_tuning", tuning.toString().trim());
        results.context("user_limits", Stack.USER_LIMITS.describe());
    }

    static void log(String message) {
        System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), message);
    }
}
