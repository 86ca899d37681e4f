package io.rebound.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything {@code make bench} can be tuned with, read from the environment ({@code infra/scripts/bench.sh} sets the
 * paths). Defaults give a complete run of about 15 minutes on a 2-core machine.
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
 * @param phases which phases to run: p1, p2, limits, p4, p5, p6, p3, profile (in that order)
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
        Set<String> phases) {

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
                Arrays.stream(env.getOrDefault("BENCH_PHASES", "p1,p2,limits,p4,p5,p6,p3,profile")
                                .split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()));
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
