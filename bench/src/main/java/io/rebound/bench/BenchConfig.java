package io.rebound.bench;

import io.rebound.bench.load.Entry;
import io.rebound.bench.stack.RetryMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@code make bench} can be tuned with, read from the environment ({@code infra/scripts/bench.sh} sets the
 * paths). Defaults give a complete run of about 30 minutes on a 2-core machine.
 *
 * @param runs measured runs per figure; each figure is the median of them
 * @param warmup load before each measured window, not counted
 * @param measure length of each measured window
 * @param jitWarmup unmeasured load at the start of P1, so the JIT has compiled the hot paths: on 2 cores the JVMs
 *     need 3 to 4 minutes of load to reach steady state (throughput rises about tenfold meanwhile)
 * @param users closed-loop virtual users of P1 and P2 (and the connections of the PostgreSQL baseline)
 * @param holUsers virtual users of P3, paced at {@code holRate} operations per second
 * @param scaleUsers virtual users of P6, enough to keep every consumer thread busy
 * @param failures failed operations per run of P4, each retried once in P5
 * @param phases which phases to run: p1, p2, limits, p4, p5, fairness, p7, p6, p3, profile (in that order)
 * @param retryMode {@code REBOUND_RETRY_MODE} of the workers of P1, P2, P4, P5 and the profile
 * @param scaleMode {@code REBOUND_RETRY_MODE} of P6, whose ideal is consumer threads / AI latency
 * @param holSettings the worker settings P3 compares, each measured with and without failures
 * @param inFlight P7: concurrent AI calls with a slow model
 * @param fairness one user flooding while others ask one at a time
 */
public record BenchConfig(
        Path dataDir,
        Path outputDir,
        Ports ports,
        Artifacts artifacts,
        List<String> javaOpts,
        List<String> simulatorJavaOpts,
        int runs,
        Duration warmup,
        Duration measure,
        Duration jitWarmup,
        int users,
        int holUsers,
        double holRate,
        int scaleUsers,
        int failures,
        Set<String> phases,
        RetryMode retryMode,
        RetryMode scaleMode,
        List<HolSetting> holSettings,
        InFlight inFlight,
        Fairness fairness) {

    /** One worker setting of P3: its retry mode and listener concurrency. */
    public record HolSetting(RetryMode mode, int concurrency) {
        /** The metric prefix, e.g. {@code p3.nonblocking.c3}. */
        public String key() {
            return "p3." + mode.key() + ".c" + concurrency;
        }
    }

    /**
     * P7.
     *
     * @param users closed-loop users with one non-blocking worker
     * @param usersTwoWorkers closed-loop users with two non-blocking workers
     * @param blockingUsersPerWorker closed-loop users per worker process in blocking mode, where only one call per
     *     consumer thread runs: enough to keep every thread busy, few enough that a user's wait stays well under the
     *     event-stream timeout
     * @param warmup load before the first measured window of each setting
     * @param measure length of each measured window; {@code runs} windows run back to back
     * @param aiLatencyMs delay of every AI call (a simulator delay fault)
     * @param modes the retry modes measured, in order
     * @param entries how the load enters, measured in this order within each mode
     */
    public record InFlight(
            int users,
            int usersTwoWorkers,
            int blockingUsersPerWorker,
            Duration warmup,
            Duration measure,
            long aiLatencyMs,
            List<RetryMode> modes,
            List<Entry> entries) {}

    /**
     * The fairness phase (non-blocking, one worker, AI latency of P7).
     *
     * @param flood operations the flooding user keeps outstanding (sent at once, each replaced when it finishes)
     * @param users other users, each asking one question at a time
     * @param warmup load before the first measured window
     * @param measure length of each measured window; {@code runs} windows run back to back
     */
    public record Fairness(int flood, int users, Duration warmup, Duration measure) {}

    public record Ports(int gateway, int worker, int kafka, int kafkaController, int postgres, int simulator) {}

    public record Artifacts(Path gatewayJar, Path workerJar, Path simulatorJar, String stackClasspath) {}

    public static BenchConfig fromEnv(Map<String, String> env) {
        Ports ports = new Ports(
                integer(env, "BENCH_GATEWAY_PORT", 28080),
                integer(env, "BENCH_WORKER_PORT", 28081),
                integer(env, "BENCH_KAFKA_PORT", 29092),
                integer(env, "BENCH_KAFKA_CONTROLLER_PORT", 29093),
                integer(env, "BENCH_POSTGRES_PORT", 35432),
                integer(env, "BENCH_SIMULATOR_PORT", 28090));
        Artifacts artifacts = new Artifacts(
                Path.of(required(env, "BENCH_GATEWAY_JAR")),
                Path.of(required(env, "BENCH_WORKER_JAR")),
                Path.of(required(env, "BENCH_SIMULATOR_JAR")),
                required(env, "BENCH_STACK_CP"));
        String serviceOpts = env.getOrDefault("BENCH_JAVA_OPTS", "-XX:+UseSerialGC -Xmx512m -Xss512k");
        return new BenchConfig(
                Path.of(required(env, "BENCH_DATA_DIR")).toAbsolutePath(),
                Path.of(env.getOrDefault("BENCH_OUTPUT_DIR", "docs")).toAbsolutePath(),
                ports,
                artifacts,
                options(serviceOpts),
                // The JDK HttpServer under the simulator leaves Nagle's algorithm on; with the client's delayed ACK
                // that
                // adds about 40 ms to every completion, which no real provider does. Measured 549 vs 506 ms per call
                // at 500 ms latency.
                options(env.getOrDefault(
                        "BENCH_SIMULATOR_JAVA_OPTS", serviceOpts + " -Dsun.net.httpserver.nodelay=true")),
                integer(env, "BENCH_RUNS", 3),
                Duration.ofSeconds(integer(env, "BENCH_WARMUP_SECONDS", 4)),
                Duration.ofSeconds(integer(env, "BENCH_MEASURE_SECONDS", 15)),
                Duration.ofSeconds(integer(env, "BENCH_JIT_WARMUP_SECONDS", 210)),
                integer(env, "BENCH_USERS", 24),
                integer(env, "BENCH_P3_USERS", 24),
                Double.parseDouble(env.getOrDefault("BENCH_P3_RATE", "6")),
                integer(env, "BENCH_P6_USERS", 96),
                integer(env, "BENCH_FAILURES", 100),
                phases(env.getOrDefault("BENCH_PHASES", "p1,p2,limits,p4,p5,fairness,p7,p6,p3,profile")),
                RetryMode.parse(env.getOrDefault("BENCH_RETRY_MODE", "non-blocking")),
                RetryMode.parse(env.getOrDefault("BENCH_P6_RETRY_MODE", "blocking")),
                holSettings(env.getOrDefault("BENCH_P3_SETTINGS", "blocking:3,non-blocking:3")),
                new InFlight(
                        integer(env, "BENCH_P7_USERS", 400),
                        integer(env, "BENCH_P7_USERS_2W", 2 * integer(env, "BENCH_P7_USERS", 400)),
                        integer(env, "BENCH_P7_BLOCKING_USERS", 18),
                        Duration.ofSeconds(integer(env, "BENCH_P7_WARMUP_SECONDS", 20)),
                        Duration.ofSeconds(integer(env, "BENCH_P7_MEASURE_SECONDS", 10)),
                        integer(env, "BENCH_P7_AI_LATENCY_MS", 2000),
                        list(env.getOrDefault("BENCH_P7_MODES", "non-blocking,blocking")).stream()
                                .map(RetryMode::parse)
                                .distinct()
                                .toList(),
                        list(env.getOrDefault("BENCH_P7_ENTRIES", "kafka,gateway")).stream()
                                .map(Entry::parse)
                                .distinct()
                                .toList()),
                new Fairness(
                        integer(env, "BENCH_FAIR_FLOOD", 300),
                        integer(env, "BENCH_FAIR_USERS", 10),
                        Duration.ofSeconds(integer(env, "BENCH_FAIR_WARMUP_SECONDS", 10)),
                        Duration.ofSeconds(integer(env, "BENCH_FAIR_MEASURE_SECONDS", 10))));
    }

    static final Set<String> PHASES = Set.of("p1", "p2", "limits", "p4", "p5", "fairness", "p7", "p6", "p3", "profile");

    static Set<String> phases(String value) {
        Set<String> phases = Set.copyOf(list(value));
        for (String phase : phases) {
            if (!PHASES.contains(phase)) {
                throw new IllegalArgumentException("BENCH_PHASES: unknown phase '" + phase + "'; known: "
                        + String.join(
                                ",",
                                List.of("p1", "p2", "limits", "p4", "p5", "fairness", "p7", "p6", "p3", "profile")));
            }
        }
        return phases;
    }

    /** {@code mode:concurrency} pairs, e.g. {@code blocking:3,non-blocking:3,blocking:12}. */
    static List<HolSetting> holSettings(String value) {
        return list(value).stream()
                .map(item -> {
                    String[] parts = item.split(":");
                    if (parts.length != 2) {
                        throw new IllegalArgumentException(
                                "BENCH_P3_SETTINGS: '" + item + "' is not mode:concurrency, e.g. non-blocking:3");
                    }
                    return new HolSetting(RetryMode.parse(parts[0]), Integer.parseInt(parts[1].trim()));
                })
                .distinct()
                .toList();
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(java.util.Locale.ROOT))
                .toList();
    }

    public boolean runs(String phase) {
        return phases.contains(phase);
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    private static List<String> options(String value) {
        return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set; run the bench through infra/scripts/bench.sh");
        }
        return value;
    }
}
