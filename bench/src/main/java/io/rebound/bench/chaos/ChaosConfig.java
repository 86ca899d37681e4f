package io.rebound.bench.chaos;

import io.rebound.bench.stack.UserLimits;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What {@code make chaos} can be tuned with, read from the environment ({@code infra/scripts/chaos.sh} sets the
 * paths). The defaults run every scenario with 1,000 operations at 25 per second, about 12 minutes on 2 cores.
 *
 * @param operations operations each scenario requests (its steady load)
 * @param rate requests per second of that load (open loop: a slow answer does not slow the load down)
 * @param aiLatencyMs the simulator's answer time, so that work is in flight when a fault hits
 * @param scenarios which scenarios to run, by name (see {@link Scenarios#NAMES})
 * @param retryMode the worker's {@code REBOUND_RETRY_MODE} ({@code non-blocking}, its default, or {@code blocking}):
 *     the variable passes through to the workers the suite starts, so the suite reads it to know what it tests
 * @param maxInFlight the worker's {@code REBOUND_WORKER_MAX_IN_FLIGHT} (default 256), AI calls one worker may run at
 *     once in the non-blocking mode
 * @param inFlightBurst requests of the {@code worker-kill-in-flight} scenario, sized for the worker's in-flight limit
 *     and not by {@code operations}: the worker must start on more than it can take at once
 */
public record ChaosConfig(
        Path dataDir,
        Path outputDir,
        Path gatewayJar,
        Path workerJar,
        Path simulatorJar,
        String stackClasspath,
        List<String> javaOpts,
        int operations,
        double rate,
        long aiLatencyMs,
        int basePort,
        List<String> scenarios,
        String retryMode,
        int maxInFlight,
        int inFlightBurst) {

    static final String NON_BLOCKING = "non-blocking";
    static final String BLOCKING = "blocking";

    /**
     * Event streams one account may hold: the gateway's default. The load posts questions and opens no streams; only
     * {@code bad-input} opens streams, more than this, to see the oldest ended.
     */
    static final int STREAMS_PER_USER = 10;

    /**
     * The gateway's per-user limits for the suite: the load comes from two accounts (ada and bob) at {@code rate}
     * requests a second, and the in-flight kill holds its whole burst open, so both are set well above that. Event
     * streams keep the gateway's default ({@link #STREAMS_PER_USER}).
     */
    public UserLimits userLimits() {
        return UserLimits.forLoad(
                Math.max(5_000, 2 * inFlightBurst),
                Math.max(100_000, (int) Math.ceil(rate * 60 * 2)),
                STREAMS_PER_USER);
    }

    public static ChaosConfig fromEnv(Map<String, String> env) {
        int maxInFlight = Integer.parseInt(
                env.getOrDefault("REBOUND_WORKER_MAX_IN_FLIGHT", "256").trim());
        return new ChaosConfig(
                Path.of(required(env, "CHAOS_DATA_DIR")).toAbsolutePath(),
                Path.of(env.getOrDefault("CHAOS_OUTPUT_DIR", "docs")).toAbsolutePath(),
                Path.of(required(env, "CHAOS_GATEWAY_JAR")),
                Path.of(required(env, "CHAOS_WORKER_JAR")),
                Path.of(required(env, "CHAOS_SIMULATOR_JAR")),
                required(env, "CHAOS_STACK_CP"),
                List.of(env.getOrDefault("CHAOS_JAVA_OPTS", "-XX:+UseSerialGC -Xmx384m -Xss512k")
                        .trim()
                        .split("\\s+")),
                Integer.parseInt(env.getOrDefault("CHAOS_OPERATIONS", "1000")),
                Double.parseDouble(env.getOrDefault("CHAOS_RATE", "25")),
                Long.parseLong(env.getOrDefault("CHAOS_AI_LATENCY_MS", "100")),
                Integer.parseInt(env.getOrDefault("CHAOS_BASE_PORT", "38000")),
                Arrays.stream(env.getOrDefault("CHAOS_SCENARIOS", String.join(",", Scenarios.NAMES))
                                .split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList(),
                env.getOrDefault("REBOUND_RETRY_MODE", NON_BLOCKING).trim().toLowerCase(java.util.Locale.ROOT),
                maxInFlight,
                Integer.parseInt(
                        env.getOrDefault("CHAOS_IN_FLIGHT_BURST", Integer.toString(Math.max(600, 2 * maxInFlight)))));
    }

    boolean nonBlocking() {
        return !BLOCKING.equals(retryMode);
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    name + " is not set; run the fault suite through infra/scripts/chaos.sh");
        }
        return value;
    }
}
