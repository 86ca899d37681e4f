package io.rebound.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka node in KRaft mode (broker and controller in one), run from the Kafka jars: a single-node cluster by
 * default, or one node of a multi-node cluster (see {@link Cluster}). Its data directory is formatted once and reused,
 * so topics and offsets survive a restart, as they would on a real cluster.
 */
public final class LocalKafka implements AutoCloseable {

    private final KafkaRaftServer server;
    private final int port;

    private LocalKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * The node's place in its cluster: its id, the controller quorum ({@code id@host:port,...}), the cluster id all
     * nodes are formatted with, and the replication the cluster's own topics and producers with {@code acks=all} get.
     */
    public record Cluster(
            int nodeId, String quorumVoters, String clusterId, int replicationFactor, int minInsyncReplicas) {

        public static Cluster single(int controllerPort) {
            return new Cluster(
                    1, "1@localhost:" + controllerPort, Uuid.randomUuid().toString(), 1, 1);
        }
    }

    public static LocalKafka start(Path dataDir, int port, int controllerPort) {
        return start(dataDir, port, controllerPort, Cluster.single(controllerPort));
    }

    public static LocalKafka start(Path dataDir, int port, int controllerPort, Cluster cluster) {
        return start(dataDir, port, controllerPort, cluster, Map.of());
    }

    /**
     * Starts a node with broker settings of its own on top of the defaults, e.g. a SASL listener and an authorizer
     * (see {@code KafkaAuthorizationIT}); a key given here replaces the default one.
     */
    public static LocalKafka start(
            Path dataDir, int port, int controllerPort, Cluster cluster, Map<String, String> overrides) {
        try {
            Files.createDirectories(dataDir);
            Properties properties = properties(dataDir, port, controllerPort, cluster);
            properties.putAll(overrides);
            Path config = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                properties.store(out, "written by Rebound's LocalKafka");
            }
            if (!Files.exists(dataDir.resolve("meta.properties"))) {
                format(config, cluster.clusterId());
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
            server.startup();
            return new LocalKafka(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties properties(Path dataDir, int port, int controllerPort, Cluster cluster) {
        String replication = Integer.toString(cluster.replicationFactor());
        String minIsr = Integer.toString(cluster.minInsyncReplicas());
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(cluster.nodeId()));
        p.setProperty("controller.quorum.voters", cluster.quorumVoters());
        p.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.toAbsolutePath().toString());
        p.setProperty("offsets.topic.replication.factor", replication);
        p.setProperty("offsets.topic.num.partitions", "12");
        p.setProperty("transaction.state.log.replication.factor", replication);
        p.setProperty("transaction.state.log.min.isr", minIsr);
        p.setProperty("share.coordinator.state.topic.replication.factor", replication);
        p.setProperty("share.coordinator.state.topic.min.isr", minIsr);
        p.setProperty("default.replication.factor", replication);
        p.setProperty("min.insync.replicas", minIsr);
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "12");
        return p;
    }

    private static void format(Path config, String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {"format", "-t", clusterId, "-c", config.toString()};
        int exit = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException(
                    "formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /**
     * Runs the broker as its own process for {@code make run}; Ctrl-C stops it cleanly, and so does the end of the
     * process that started it. Its pid goes to {@code <data dir>.pid}; a start that finds the launcher of an earlier run
     * still running there, orphaned, stops it first. A node of a multi-node cluster
     * also gets {@code KAFKA_NODE_ID}, {@code KAFKA_QUORUM_VOTERS}, {@code KAFKA_CLUSTER_ID} (the same on every node),
     * {@code KAFKA_REPLICATION_FACTOR} and {@code KAFKA_MIN_INSYNC_REPLICAS}.
     */
    public static void main(String[] args) {
        Path dataDir = Path.of(env("KAFKA_DATA_DIR", ".data/kafka"));
        int port = Integer.parseInt(env("KAFKA_PORT", "9092"));
        int controllerPort = Integer.parseInt(env("KAFKA_CONTROLLER_PORT", "9093"));
        Cluster single = Cluster.single(controllerPort);
        Cluster cluster = new Cluster(
                Integer.parseInt(env("KAFKA_NODE_ID", "1")),
                env("KAFKA_QUORUM_VOTERS", single.quorumVoters()),
                env("KAFKA_CLUSTER_ID", single.clusterId()),
                Integer.parseInt(env("KAFKA_REPLICATION_FACTOR", "1")),
                Integer.parseInt(env("KAFKA_MIN_INSYNC_REPLICAS", "1")));
        Path pidFile = Lifeline.pidFile(dataDir);
        Lifeline.stopOrphanLauncher("Kafka", pidFile, Lifeline.readPidFile(pidFile), LocalKafka.class.getName());
        LocalKafka kafka = start(dataDir, port, controllerPort, cluster);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            kafka.close();
                            Lifeline.deletePidFile(pidFile);
                        },
                        "local-kafka-stop"));
        Lifeline.writePidFile(pidFile, Map.of());
        Lifeline.exitWithParent("local-kafka");
        System.out.println("Kafka (KRaft) listening on " + kafka.bootstrapServers() + ", data in " + dataDir
                + ", pid file " + pidFile);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
