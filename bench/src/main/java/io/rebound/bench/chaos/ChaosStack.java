package io.rebound.bench.chaos;

import io.rebound.bench.client.Http;
import io.rebound.bench.stack.Readiness;
import io.rebound.bench.stack.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * The stack the fault suite breaks: PostgreSQL, one Kafka node or a 3-node KRaft cluster, the AI simulator, and any
 * number of gateways and workers, each its own process started the way {@code make run} starts it, on the suite's own
 * ports and data directory. Every piece can be stopped (SIGTERM), killed (SIGKILL) and started again on its data.
 */
final class ChaosStack implements AutoCloseable {

    static final String DB_USER = "rebound";
    static final String DB_PASSWORD = "rebound";
    /** Failed sign-ins per account name before 429, set explicitly: the bad-input scenario sends one more. */
    static final int SIGN_IN_FAILURES_PER_ACCOUNT = 5;

    private final ChaosConfig config;
    private final Readiness readiness = new Readiness();
    private Service postgres;
    private Service simulator;
    private final Map<Integer, Service> kafka = new TreeMap<>();
    private final Map<Integer, Service> gateways = new TreeMap<>();
    private final Map<Integer, Service> workers = new TreeMap<>();
    private String kafkaCluster = "kafka";
    private int kafkaNodes = 1;
    private String clusterId = Uuid.randomUuid().toString();

    ChaosStack(ChaosConfig config) {
        this.config = config;
    }

    // ---- PostgreSQL

    void startPostgres() {
        postgres = Service.start(
                "postgres",
                java(
                        List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                        "-cp",
                        config.stackClasspath(),
                        "io.rebound.localstack.LocalPostgres"),
                Map.of(
                        "POSTGRES_DATA_DIR",
                                config.dataDir().resolve("postgres").toString(),
                        "POSTGRES_PORT", Integer.toString(postgresPort())),
                config.dataDir());
        Readiness.awaitPort(postgres, postgresPort(), Duration.ofSeconds(90));
    }

    /** SIGTERM: PostgreSQL shuts down (fast mode) and refuses connections until started again. */
    void stopPostgres() {
        postgres.stop();
    }

    // ---- Kafka

    /** Starts a cluster of {@code nodes} KRaft nodes (1 or 3), replication factor {@code nodes}, min ISR 2 with 3. */
    void startKafka(String name, int nodes) {
        kafkaCluster = name;
        kafkaNodes = nodes;
        clusterId = Uuid.randomUuid().toString();
        // A node of a multi-node cluster only opens its broker port once the controller quorum has a leader, which
        // needs a majority of the nodes: start them all, then wait.
        for (int node = 1; node <= nodes; node++) {
            launchKafkaNode(node);
        }
        kafka.forEach((node, service) -> Readiness.awaitPort(service, kafkaPort(node), Duration.ofSeconds(120)));
    }

    void startKafkaNode(int node) {
        Readiness.awaitPort(launchKafkaNode(node), kafkaPort(node), Duration.ofSeconds(120));
    }

    private Service launchKafkaNode(int node) {
        String voters = java.util.stream.IntStream.rangeClosed(1, kafkaNodes)
                .mapToObj(n -> n + "@localhost:" + controllerPort(n))
                .collect(Collectors.joining(","));
        Map<String, String> env = new LinkedHashMap<>();
        env.put(
                "KAFKA_DATA_DIR",
                config.dataDir().resolve(kafkaCluster + "-" + node).toString());
        env.put("KAFKA_PORT", Integer.toString(kafkaPort(node)));
        env.put("KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort(node)));
        env.put("KAFKA_NODE_ID", Integer.toString(node));
        env.put("KAFKA_QUORUM_VOTERS", voters);
        env.put("KAFKA_CLUSTER_ID", clusterId);
        env.put("KAFKA_REPLICATION_FACTOR", Integer.toString(kafkaNodes));
        env.put("KAFKA_MIN_INSYNC_REPLICAS", Integer.toString(Math.min(2, kafkaNodes)));
        Service service = Service.start(
                kafkaNodes == 1 ? "kafka" : "kafka-" + node,
                java(config.javaOpts(), "-cp", config.stackClasspath(), "io.rebound.localstack.LocalKafka"),
                env,
                config.dataDir());
        kafka.put(node, service);
        return service;
    }

    void stopKafkaNode(int node) {
        kafka.remove(node).stop();
    }

    void killKafkaNode(int node) {
        kafka.remove(node).kill();
    }

    void stopKafka() {
        new ArrayList<>(kafka.keySet()).forEach(this::stopKafkaNode);
    }

    String kafkaBootstrap() {
        return java.util.stream.IntStream.rangeClosed(1, kafkaNodes)
                .mapToObj(n -> "localhost:" + kafkaPort(n))
                .collect(Collectors.joining(","));
    }

    int kafkaNodes() {
        return kafkaNodes;
    }

    // ---- AI simulator

    void startSimulator() {
        simulator = Service.start(
                "ai-simulator",
                java(simulatorOptions(), "-jar", config.simulatorJar().toString()),
                Map.of(
                        "AI_SIMULATOR_PORT", Integer.toString(simulatorPort()),
                        "AI_SIMULATOR_LATENCY_MS", Long.toString(config.aiLatencyMs())),
                config.dataDir());
        readiness.awaitHttp(simulator, simulatorUrl() + "/health", Duration.ofSeconds(60));
    }

    /** The JDK HTTP server under the simulator leaves Nagle on (+40 ms per answer) unless told otherwise. */
    private List<String> simulatorOptions() {
        List<String> options = new ArrayList<>(config.javaOpts());
        options.add("-Dsun.net.httpserver.nodelay=true");
        return options;
    }

    // ---- gateways and workers

    void startGateway(int index) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_DATASOURCE_URL", jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", DB_USER);
        env.put("SPRING_DATASOURCE_PASSWORD", DB_PASSWORD);
        env.put("REBOUND_METRICS_PASSWORD", Http.METRICS_PASSWORD);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap());
        env.put("REBOUND_REPLICATION_FACTOR", Integer.toString(kafkaNodes));
        env.put("REBOUND_SIMULATOR_URL", simulatorUrl());
        config.userLimits().applyTo(env);
        env.put("REBOUND_SIGN_IN_MAX_FAILURES_PER_ACCOUNT", Integer.toString(SIGN_IN_FAILURES_PER_ACCOUNT));
        Service gateway = Service.start(
                "api-gateway-" + (index + 1),
                java(
                        config.javaOpts(),
                        "-jar",
                        config.gatewayJar().toString(),
                        "--server.port=" + gatewayPort(index),
                        "--spring.profiles.active=local"),
                env,
                config.dataDir());
        gateways.put(index, gateway);
        readiness.awaitHttp(gateway, gatewayUrl(index) + "/actuator/health", Duration.ofSeconds(180));
    }

    void killGateway(int index) {
        gateways.remove(index).kill();
    }

    void stopGateway(int index) {
        gateways.remove(index).stop(10);
    }

    void startWorker(int index) {
        startWorker(index, Map.of());
    }

    /** Starts worker {@code index} with {@code extra} environment on top of the defaults (e.g. the breaker off). */
    void startWorker(int index, Map<String, String> extra) {
        launchWorker(index, extra);
        readiness.awaitHttp(workers.get(index), workerUrl(index) + "/actuator/health", Duration.ofSeconds(180));
    }

    /**
     * Starts worker {@code index} without waiting for it to be healthy, for a scenario that watches it come up. Its
     * web server starts before its Kafka listeners, so its metrics answer before it consumes anything.
     */
    void launchWorker(int index, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap());
        env.put("REBOUND_REPLICATION_FACTOR", Integer.toString(kafkaNodes));
        env.put("AI_BASE_URL", simulatorUrl() + "/v1");
        env.put("AI_API_KEY", "bench-simulator-key");
        env.put("REBOUND_METRICS_PASSWORD", Http.METRICS_PASSWORD);
        env.putAll(extra);
        Service worker = Service.start(
                "ai-worker-" + (index + 1),
                java(config.javaOpts(), "-jar", config.workerJar().toString(), "--server.port=" + workerPort(index)),
                env,
                config.dataDir());
        workers.put(index, worker);
    }

    boolean workerAlive(int index) {
        Service worker = workers.get(index);
        return worker != null && worker.isAlive();
    }

    String workerUrl(int index) {
        return "http://localhost:" + workerPort(index);
    }

    void killWorker(int index) {
        workers.remove(index).kill();
    }

    void stopWorker(int index) {
        workers.remove(index).stop();
    }

    /** Stops every gateway and worker (between scenarios that need another shape of stack). */
    void stopApplications() {
        new ArrayList<>(gateways.keySet()).forEach(this::stopGateway);
        new ArrayList<>(workers.keySet()).forEach(this::stopWorker);
    }

    List<String> gatewayUrls() {
        return gateways.keySet().stream().map(this::gatewayUrl).toList();
    }

    String gatewayUrl(int index) {
        return "http://localhost:" + gatewayPort(index);
    }

    String simulatorUrl() {
        return "http://localhost:" + simulatorPort();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgresPort() + "/rebound";
    }

    private int gatewayPort(int index) {
        return config.basePort() + 80 + index;
    }

    private int workerPort(int index) {
        return config.basePort() + 180 + index;
    }

    private int simulatorPort() {
        return config.basePort() + 90;
    }

    private int postgresPort() {
        return config.basePort() + 7432;
    }

    private int kafkaPort(int node) {
        return config.basePort() + 1090 + node;
    }

    private int controllerPort(int node) {
        return config.basePort() + 1190 + node;
    }

    private static List<String> java(List<String> options, String... rest) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of(rest));
        return command;
    }

    /** Applications first, then the broker(s) and the database they use. */
    @Override
    public void close() {
        gateways.values().forEach(g -> g.stop(10));
        workers.values().forEach(Service::stop);
        if (simulator != null) {
            simulator.stop();
        }
        kafka.values().forEach(Service::stop);
        if (postgres != null && postgres.isAlive()) {
            postgres.stop();
        }
    }
}
