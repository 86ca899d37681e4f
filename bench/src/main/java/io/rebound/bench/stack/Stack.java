package io.rebound.bench.stack;

import io.rebound.bench.BenchConfig;
import io.rebound.bench.client.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The isolated stack under test, started the way {@code infra/scripts/run-local.sh} starts it (same jars, same
 * variables) but on the bench's own ports and data directory, and restartable piece by piece between phases.
 */
public final class Stack implements AutoCloseable {

    public static final String DB_USER = "rebound";
    public static final String DB_PASSWORD = "rebound";
    /**
     * Every virtual user signs in as one account (P7: 400 or 800 of them, fairness: 300 outstanding operations of one
     * user, throughput: thousands of operations a minute), each keeping its event stream open, so the per-user limits
     * would measure themselves.
     */
    public static final UserLimits USER_LIMITS = UserLimits.forLoad(10_000, 100_000, 10_000);
    /** How long a worker or gateway may take to report healthy: minutes when the machine is shared and busy. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);

    private final BenchConfig config;
    private final Readiness readiness = new Readiness();
    private Service postgres;
    private Service kafka;
    private Service simulator;
    private Service gateway;
    private final Map<Integer, Service> workers = new TreeMap<>();
    private final Map<Integer, Integer> workerConcurrency = new TreeMap<>();
    private final Map<Integer, RetryMode> workerModes = new TreeMap<>();
    private long simulatorLatencyMs = -1;

    public Stack(BenchConfig config) {
        this.config = config;
    }

    public void startInfrastructure() {
        Path pgData = config.dataDir().resolve("postgres");
        postgres = Service.start(
                "postgres",
                java(
                        List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                        "-cp",
                        stackClasspath(),
                        "io.rebound.localstack.LocalPostgres"),
                Map.of(
                        "POSTGRES_DATA_DIR",
                        pgData.toString(),
                        "POSTGRES_PORT",
                        port(config.ports().postgres())),
                config.dataDir());
        kafka = Service.start(
                "kafka",
                java(config.javaOpts(), "-cp", stackClasspath(), "io.rebound.localstack.LocalKafka"),
                Map.of(
                        "KAFKA_DATA_DIR", config.dataDir().resolve("kafka").toString(),
                        "KAFKA_PORT", port(config.ports().kafka()),
                        "KAFKA_CONTROLLER_PORT", port(config.ports().kafkaController())),
                config.dataDir());
        Readiness.awaitPort(postgres, config.ports().postgres(), Duration.ofSeconds(90));
        Readiness.awaitPort(kafka, config.ports().kafka(), Duration.ofSeconds(90));
    }

    /** (Re)starts the AI simulator answering every completion after {@code latencyMs}. */
    public void startSimulator(long latencyMs) {
        if (simulator != null && simulatorLatencyMs == latencyMs) {
            return;
        }
        if (simulator != null) {
            simulator.stop();
        }
        simulator = Service.start(
                "ai-simulator",
                java(
                        config.simulatorJavaOpts(),
                        "-jar",
                        config.artifacts().simulatorJar().toString()),
                Map.of(
                        "AI_SIMULATOR_PORT", port(config.ports().simulator()),
                        "AI_SIMULATOR_LATENCY_MS", Long.toString(latencyMs)),
                config.dataDir());
        simulatorLatencyMs = latencyMs;
        readiness.awaitHttp(simulator, simulatorUrl() + "/health", Duration.ofSeconds(60));
    }

    /**
     * (Re)starts worker {@code index} (0, 1, ...) on worker port + index with the given listener concurrency, in the
     * bench's default retry mode ({@code BENCH_RETRY_MODE}).
     */
    public void startWorker(int index, int concurrency) {
        startWorker(index, concurrency, config.retryMode());
    }

    /**
     * (Re)starts worker {@code index} with the given listener concurrency and {@code REBOUND_RETRY_MODE}; a worker
     * already running with both is left alone. True if a new worker process started.
     */
    public boolean startWorker(int index, int concurrency, RetryMode mode) {
        if (workers.containsKey(index)
                && workerConcurrency.get(index) == concurrency
                && workerModes.get(index) == mode) {
            return false;
        }
        stopWorker(index);
        int port = config.ports().worker() + index;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap());
        env.put("AI_BASE_URL", simulatorUrl() + "/v1");
        env.put("AI_API_KEY", "bench-simulator-key");
        env.put("REBOUND_METRICS_PASSWORD", Http.METRICS_PASSWORD);
        env.put("REBOUND_WORKER_CONCURRENCY", Integer.toString(concurrency));
        env.put("REBOUND_RETRY_MODE", mode.value());
        List<String> command =
                java(config.javaOpts(), "-jar", config.artifacts().workerJar().toString(), "--server.port=" + port);
        Service worker = Service.start("ai-worker-" + (index + 1), command, env, config.dataDir());
        workers.put(index, worker);
        workerConcurrency.put(index, concurrency);
        workerModes.put(index, mode);
        readiness.awaitHttp(worker, "http://localhost:" + port + "/actuator/health", STARTUP_TIMEOUT);
        return true;
    }

    public void stopWorker(int index) {
        Service worker = workers.remove(index);
        workerConcurrency.remove(index);
        workerModes.remove(index);
        if (worker != null) {
            worker.stop();
        }
    }

    public void startGateway() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_DATASOURCE_URL", jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", DB_USER);
        env.put("SPRING_DATASOURCE_PASSWORD", DB_PASSWORD);
        env.put("REBOUND_METRICS_PASSWORD", Http.METRICS_PASSWORD);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap());
        env.put("REBOUND_SIMULATOR_URL", simulatorUrl());
        USER_LIMITS.applyTo(env);
        List<String> command = java(
                config.javaOpts(),
                "-jar",
                config.artifacts().gatewayJar().toString(),
                "--server.port=" + config.ports().gateway(),
                "--spring.profiles.active=local");
        gateway = Service.start("api-gateway", command, env, config.dataDir());
        readiness.awaitHttp(gateway, gatewayUrl() + "/actuator/health", STARTUP_TIMEOUT);
    }

    public String gatewayUrl() {
        return "http://localhost:" + config.ports().gateway();
    }

    public String workerUrl(int index) {
        return "http://localhost:" + (config.ports().worker() + index);
    }

    public String simulatorUrl() {
        return "http://localhost:" + config.ports().simulator();
    }

    public String kafkaBootstrap() {
        return "localhost:" + config.ports().kafka();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + config.ports().postgres() + "/rebound";
    }

    public long simulatorLatencyMs() {
        return simulatorLatencyMs;
    }

    public int workerCount() {
        return workers.size();
    }

    public int workerConcurrency(int index) {
        return workerConcurrency.getOrDefault(index, 0);
    }

    /** The {@code REBOUND_RETRY_MODE} worker {@code index} was started with, or null if it is not running. */
    public RetryMode workerMode(int index) {
        return workerModes.get(index);
    }

    public int simulatorPort() {
        return config.ports().simulator();
    }

    /** The processes whose CPU and memory the report shows, by name; PostgreSQL is its postmaster. */
    public Map<String, Long> processes() {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("api-gateway", gateway.pid());
        workers.values().forEach(worker -> pids.put(worker.name(), worker.pid()));
        pids.put("kafka", kafka.pid());
        postmaster().ifPresent(pid -> pids.put("postgres", pid));
        pids.put("ai-simulator", simulator.pid());
        pids.put("bench (load generator)", ProcessHandle.current().pid());
        return pids;
    }

    public OptionalLong postmaster() {
        return ProcFs.findProcess(
                "postgres", "-D", config.dataDir().resolve("postgres").toString());
    }

    public long gatewayPid() {
        return gateway.pid();
    }

    public long workerPid(int index) {
        return workers.get(index).pid();
    }

    /**
     * Stops everything still running, applications first, then the broker and the database they use. The gateway gets
     * 10 s: its graceful shutdown otherwise waits 30 s for event streams the bench has already dropped.
     */
    @Override
    public synchronized void close() {
        if (gateway != null && gateway.isAlive()) {
            gateway.stop(10);
        }
        List<Service> order = new ArrayList<>(workers.values());
        order.add(simulator);
        order.add(kafka);
        order.add(postgres);
        order.stream().filter(s -> s != null && s.isAlive()).forEach(Service::stop);
    }

    private List<String> java(List<String> options, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of(args));
        return command;
    }

    private String stackClasspath() {
        return config.artifacts().stackClasspath();
    }

    private static String port(int port) {
        return Integer.toString(port);
    }
}
