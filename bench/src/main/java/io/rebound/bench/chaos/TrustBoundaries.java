package io.rebound.bench.chaos;

import io.rebound.bench.client.GatewayUser;
import io.rebound.bench.client.Http;
import io.rebound.bench.client.KafkaClients;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Utils;
import tools.jackson.databind.JsonNode;

/**
 * What other services may write on Kafka, against the running stack: a request naming another user's session, a
 * request reusing an existing operation's id, junk on the dead-letter topic keyed with someone's operation, records
 * just under the broker's limit, and event streams that are never read. Each helper sends with real clients and reads
 * the outcome where a user or an SRE would: the REST API, the admin dead-letter API, the database and the topics.
 */
final class TrustBoundaries {

    static final String REQUESTED = "operations.requested";
    static final String REQUESTED_DLT = "operations.requested-dlt";
    static final String STATUS_DLT = "operations.status-dlt";
    static final List<String> DEAD_LETTER_TOPICS = List.of(REQUESTED_DLT, STATUS_DLT);
    /** Just under the broker's default limit (1,048,588 bytes): the dead letter plus its headers is over it. */
    static final int NEAR_BROKER_LIMIT = 1_047_000;
    /** Kafka's default {@code message.max.bytes}, which a dead-letter topic created by hand takes. */
    static final int BROKER_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
    /** What the worker keeps of a record too large to dead-letter whole. */
    static final int EXCERPT_BYTES = 4096;
    /** How long the provider takes for the open victim: it stays in flight while the fakes about it arrive. */
    static final int OPEN_VICTIM_AI_DELAY_MS = 20_000;

    private static final String BOB = "bob@example.com";

    /** Two operations of one of ada's sessions: one completed, one in flight at the provider. */
    record Victims(UUID sessionId, UUID completed, UUID open) {
        List<UUID> both() {
            return List.of(completed, open);
        }
    }

    /** An operation as the database holds it; {@code version} moves on every change. */
    record Row(
            String status,
            String errorCode,
            String result,
            UUID sessionId,
            String source,
            String requestedBy,
            long version,
            Instant finishedAt) {

        boolean open() {
            return "PENDING".equals(status) || "PROCESSING".equals(status);
        }
    }

    /** One dead letter as the index holds it. */
    record Indexed(long id, String topic, int partition, String key, UUID operationId, String errorCode) {}

    private final String bootstrap;
    private final String gateway;
    private final Ledger ledger;
    private final String nonce = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient client = HttpClient.newHttpClient();

    TrustBoundaries(String bootstrap, String gateway, Ledger ledger) {
        this.bootstrap = bootstrap;
        this.gateway = gateway;
        this.ledger = ledger;
    }

    String nonce() {
        return nonce;
    }

    /** The role of the victims' session; the simulator delays only prompts naming it. */
    String victimRole() {
        return "chaos bad-input victims " + nonce;
    }

    // ---- requests another service writes on operations.requested

    /** A request as another service would write it, JSON as the schema says. */
    static byte[] request(UUID operationId, String role, UUID sessionId, String requestedBy, String source) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("schema_version", 1);
        request.put("operation_id", operationId.toString());
        request.put("operation_type", "question_generation");
        request.put("parameters", Map.of("role", role));
        request.put("session_id", sessionId == null ? null : sessionId.toString());
        request.put("message_id", null);
        request.put("parent_operation_id", null);
        request.put("retry_count", 0);
        request.put("requested_by", requestedBy);
        request.put("source", source);
        request.put("requested_at", Instant.now().toString());
        return Http.JSON.writeValueAsBytes(request);
    }

    /**
     * Requests by bob naming ada's session, one claiming each of {@code claims} as its source. Returns their operation
     * ids by claimed source.
     */
    Map<String, UUID> sendSpoofed(UUID adasSession, List<String> claims) {
        Map<String, UUID> sent = new LinkedHashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (String claim : claims) {
                UUID id = UUID.randomUUID();
                send(
                        producer,
                        new ProducerRecord<>(
                                REQUESTED,
                                bytes(id.toString()),
                                request(id, "chaos spoof " + nonce, adasSession, BOB, claim)));
                sent.put(claim, id);
            }
        }
        return sent;
    }

    /** A request for each victim's id with another body (bob's prompt, bob as requester), keyed as the topic says. */
    void sendDuplicates(Victims victims) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (UUID victim : victims.both()) {
                send(
                        producer,
                        new ProducerRecord<>(
                                REQUESTED,
                                bytes(victim.toString()),
                                request(victim, "chaos duplicate " + nonce, victims.sessionId(), BOB, "api")));
            }
        }
    }

    /** The kinds of junk written on the dead-letter topic keyed with a victim's id, none with the worker's headers. */
    static Map<String, byte[]> junkFor(UUID victim, UUID session) {
        Map<String, byte[]> junk = new LinkedHashMap<>();
        junk.put("bytes that are no request", "junk".getBytes(StandardCharsets.UTF_8));
        junk.put("another operation's request", request(UUID.randomUUID(), "chaos junk", null, BOB, "api"));
        junk.put(
                "a request with the victim's id and another body",
                request(victim, "chaos junk with a borrowed id", session, BOB, "api"));
        return junk;
    }

    /** Writes every kind of junk for every victim on operations.requested-dlt; returns how many records. */
    int sendJunkDeadLetters(Victims victims) {
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (UUID victim : victims.both()) {
                for (byte[] value : junkFor(victim, victims.sessionId()).values()) {
                    send(producer, new ProducerRecord<>(REQUESTED_DLT, bytes(victim.toString()), value));
                    sent++;
                }
            }
        }
        return sent;
    }

    /**
     * A record of {@link #NEAR_BROKER_LIMIT} bytes on each partition, keyed {@code big-<partition>-<nonce>}. Returns
     * when the broker has them all.
     */
    int sendBig(int partitions) {
        byte[] value = new byte[NEAR_BROKER_LIMIT];
        Arrays.fill(value, (byte) 'b');
        Properties properties = KafkaClients.producer(bootstrap);
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            for (int partition = 0; partition < partitions; partition++) {
                send(producer, new ProducerRecord<>(REQUESTED, partition, bytes(bigKey(partition)), value));
            }
        }
        return partitions;
    }

    String bigKey(int partition) {
        return "big-" + partition + "-" + nonce;
    }

    /** The partition the gateway's producer puts an operation on (its id as a string key, Kafka's partitioner). */
    static int partitionOf(UUID operationId, int partitions) {
        return Utils.toPositive(Utils.murmur2(bytes(operationId.toString()))) % partitions;
    }

    // ---- the dead-letter topic's limit

    /**
     * Sets operations.requested-dlt to the broker's default limit, as a topic created by hand (or before Rebound raised
     * its limit) has it, so that a record just under the broker's limit no longer fits there with its headers. Returns
     * what to restore.
     */
    ConfigEntry limitDeadLetterTopic() throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, REQUESTED_DLT);
        try (Admin admin = admin()) {
            ConfigEntry before = admin.describeConfigs(List.of(topic))
                    .all()
                    .get()
                    .get(topic)
                    .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            alter(
                    admin,
                    new AlterConfigOp(
                            new ConfigEntry(
                                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                    Integer.toString(BROKER_DEFAULT_MAX_MESSAGE_BYTES)),
                            AlterConfigOp.OpType.SET));
            return before;
        }
    }

    void restoreDeadLetterTopic(ConfigEntry before) throws Exception {
        try (Admin admin = admin()) {
            alter(
                    admin,
                    before.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
                            ? new AlterConfigOp(before, AlterConfigOp.OpType.SET)
                            : new AlterConfigOp(
                                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""),
                                    AlterConfigOp.OpType.DELETE));
        }
    }

    private static void alter(Admin admin, AlterConfigOp change) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, REQUESTED_DLT);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(change))).all().get();
    }

    // ---- what the index and the admin API say

    /** The end offset of every partition of both dead-letter topics. */
    Map<TopicPartition, Long> deadLetterEnds() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrap))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : DEAD_LETTER_TOPICS) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = new TreeMap<>((a, b) -> a.topic().equals(b.topic())
                    ? Integer.compare(a.partition(), b.partition())
                    : a.topic().compareTo(b.topic()));
            ends.putAll(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            return ends;
        }
    }

    /** Dead-letter records written on each topic between two sets of end offsets, and how many of them are indexed. */
    Map<String, long[]> indexedBetween(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        Map<String, long[]> byTopic = new TreeMap<>();
        String sql = "select count(distinct kafka_offset) from dead_letters where topic = ? and kafka_partition = ?"
                + " and kafka_offset >= ? and kafka_offset < ?";
        try (Connection connection = ledger.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Map.Entry<TopicPartition, Long> end : to.entrySet()) {
                long start = from.getOrDefault(end.getKey(), 0L);
                statement.setString(1, end.getKey().topic());
                statement.setInt(2, end.getKey().partition());
                statement.setLong(3, start);
                statement.setLong(4, end.getValue());
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    long[] counts = byTopic.computeIfAbsent(end.getKey().topic(), t -> new long[2]);
                    counts[0] += end.getValue() - start;
                    counts[1] += rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return byTopic;
    }

    /** Index rows of {@code topic} keyed with one of {@code keys}, written since {@code since}. */
    List<Indexed> indexed(String topic, Collection<String> keys, Instant since) {
        String sql = "select id, topic, kafka_partition, message_key, operation_id, error_code from dead_letters"
                + " where topic = ? and message_key = any(?) and indexed_at >= ? order by id";
        try (Connection connection = ledger.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, topic);
            statement.setArray(2, connection.createArrayOf("text", keys.toArray()));
            statement.setTimestamp(3, Timestamp.from(since));
            List<Indexed> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Indexed(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getInt(3),
                            rs.getString(4),
                            rs.getObject(5, UUID.class),
                            rs.getString(6)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A dead letter as the admin API shows it to an SRE ({@code GET /api/v1/admin/dead-letters/{id}} as sre). */
    JsonNode asSre(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString("sre@example.com:rebound".getBytes(StandardCharsets.UTF_8)))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return Http.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(path + ": no answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- operations and sessions in the database

    Map<UUID, Row> rows(Collection<UUID> ids) {
        String sql = "select id, status, error_code, result, session_id, source, requested_by, version, finished_at"
                + " from operations where id = any(?)";
        try (Connection connection = ledger.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            Map<UUID, Row> rows = new LinkedHashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Timestamp finished = rs.getTimestamp(9);
                    rows.put(
                            rs.getObject(1, UUID.class),
                            new Row(
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getObject(5, UUID.class),
                                    rs.getString(6),
                                    rs.getString(7),
                                    rs.getLong(8),
                                    finished == null ? null : finished.toInstant()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The operations whose messages a session holds, with how many messages each. */
    Map<UUID, Integer> messagesByOperation(UUID sessionId) {
        String sql = "select operation_id, count(*) from session_messages where session_id = ?"
                + " and operation_id is not null group by operation_id";
        try (Connection connection = ledger.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, sessionId);
            Map<UUID, Integer> counts = new LinkedHashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code done} holds or {@code timeout} passes; answers whether it held. */
    static boolean await(BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(500);
        }
        return true;
    }

    // ---- event streams nobody reads

    /**
     * Event streams of one user that are opened and never read, oldest first. The gateway keeps a user's newest
     * {@code REBOUND_LIVE_MAX_STREAMS_PER_USER} and ends the older ones.
     */
    static final class IdleStreams implements AutoCloseable {

        private final List<HttpResponse<InputStream>> streams = new ArrayList<>();

        static IdleStreams open(GatewayUser user, UUID sessionId, int count) {
            IdleStreams idle = new IdleStreams();
            for (int i = 0; i < count; i++) {
                idle.streams.add(user.openEventsUnread(sessionId));
            }
            return idle;
        }

        /** Status of each stream's answer, e.g. {@code {200=14}}. */
        Map<Integer, Long> statuses() {
            Map<Integer, Long> statuses = new TreeMap<>();
            streams.forEach(s -> statuses.merge(s.statusCode(), 1L, Long::sum));
            return statuses;
        }

        /**
         * Reads every stream now, for {@code wait}: the indexes (0 = oldest) of those the gateway had ended, whose body
         * reached its end. The others are still open (a heartbeat at most, no end).
         */
        Set<Integer> ended(Duration wait) throws InterruptedException {
            Set<Integer> ended = ConcurrentHashMap.newKeySet();
            List<Thread> readers = new ArrayList<>();
            for (int i = 0; i < streams.size(); i++) {
                int index = i;
                InputStream body = streams.get(i).body();
                Thread reader = new Thread(
                        () -> {
                            try {
                                while (body.read(new byte[8192]) >= 0) {
                                    // drain what was sent so far
                                }
                                ended.add(index);
                            } catch (IOException e) {
                                // closed below while still open
                            }
                        },
                        "idle-stream-" + i);
                reader.setDaemon(true);
                reader.start();
                readers.add(reader);
            }
            Thread.sleep(wait.toMillis());
            return Set.copyOf(ended);
        }

        int size() {
            return streams.size();
        }

        @Override
        public void close() {
            for (HttpResponse<InputStream> stream : streams) {
                try {
                    stream.body().close();
                } catch (IOException e) {
                    // closing was all we wanted
                }
            }
        }
    }

    /**
     * Another user's requests while the streams are open: {@code count} GETs of bob's sessions, one every
     * {@code every}; answers each one's status and time in milliseconds.
     */
    static List<long[]> probe(GatewayUser other, int count, Duration every) throws InterruptedException {
        List<long[]> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            int status;
            try {
                status = other.tryGet("/api/v1/sessions").statusCode();
            } catch (Http.HttpFailure e) {
                status = 0;
            }
            answers.add(new long[] {status, (System.nanoTime() - start) / 1_000_000});
            Thread.sleep(every.toMillis());
        }
        return answers;
    }

    // ---- clients

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(KafkaClients.producer(bootstrap));
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + record.topic() + ": " + e, e);
        }
    }

    private Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(properties);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value.asString());
    }
}
