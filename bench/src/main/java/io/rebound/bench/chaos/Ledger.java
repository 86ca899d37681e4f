package io.rebound.bench.chaos;

import io.rebound.bench.client.Http;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The truth after a scenario, read from where it lives: operations and session messages in PostgreSQL, status events
 * on {@code operations.status}. Each scenario has its own interview sessions, so its operations are exactly those of
 * its sessions, whether or not the client heard the 202.
 */
final class Ledger {

    static final String STATUS_TOPIC = "operations.status";

    /** One operation of a scenario as the database holds it. */
    record Row(
            UUID id,
            String status,
            String errorCode,
            Instant createdAt,
            Instant finishedAt,
            UUID parentId,
            String source,
            int attempts) {

        boolean terminal() {
            return "COMPLETED".equals(status) || "FAILED".equals(status);
        }

        Duration elapsed() {
            return finishedAt == null ? null : Duration.between(createdAt, finishedAt);
        }
    }

    private final String jdbcUrl;

    Ledger(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", ChaosStack.DB_USER);
        properties.setProperty("password", ChaosStack.DB_PASSWORD);
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** Every operation of the sessions, originals and their retries or redrives. */
    Map<UUID, Row> operations(Collection<UUID> sessionIds) {
        String sql =
                "select id, status, error_code, created_at, finished_at, parent_operation_id, source, attempt_count"
                        + " from operations where session_id = any(?)";
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, uuids(connection, sessionIds));
            Map<UUID, Row> rows = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Row row = new Row(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getString(3),
                            instant(rs.getTimestamp(4)),
                            instant(rs.getTimestamp(5)),
                            rs.getObject(6, UUID.class),
                            rs.getString(7),
                            rs.getInt(8));
                    rows.put(row.id(), row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the operations", e);
        }
    }

    /** Operations whose result was written to the session more than once: a user would see the question twice. */
    Map<UUID, Integer> resultsWrittenTwice(Collection<UUID> sessionIds) {
        String sql = "select operation_id, count(*) from session_messages where session_id = any(?)"
                + " and kind <> 'ANSWER' and operation_id is not null group by operation_id having count(*) > 1";
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, uuids(connection, sessionIds));
            Map<UUID, Integer> twice = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    twice.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }
            }
            return twice;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the session messages", e);
        }
    }

    /** Completed operations with no result message in their session: a result lost between worker and user. */
    int completedWithoutResult(Collection<UUID> sessionIds) {
        String sql = "select count(*) from operations o where o.session_id = any(?) and o.status = 'COMPLETED'"
                + " and not exists (select 1 from session_messages m where m.operation_id = o.id)";
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, uuids(connection, sessionIds));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the session messages", e);
        }
    }

    /** For each operation, the time from its first attempt's start to its end (finished_at), in milliseconds. */
    Map<UUID, Long> attemptSpans(Collection<UUID> operationIds) {
        String sql = "select o.id, extract(epoch from o.finished_at - min(a.started_at)) * 1000 from operations o"
                + " join operation_attempts a on a.operation_id = o.id where o.id = any(?) and o.finished_at is not null"
                + " group by o.id, o.finished_at";
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, uuids(connection, operationIds));
            Map<UUID, Long> spans = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    spans.put(rs.getObject(1, UUID.class), Math.round(rs.getDouble(2)));
                }
            }
            return spans;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the attempts", e);
        }
    }

    /** Waits until every operation of the sessions is completed or failed, or the timeout passes. */
    Map<UUID, Row> awaitSettled(Collection<UUID> sessionIds, Set<UUID> accepted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<UUID, Row> rows = operations(sessionIds);
            boolean settled = rows.keySet().containsAll(accepted)
                    && rows.values().stream().allMatch(Row::terminal);
            if (settled || System.nanoTime() > deadline) {
                return rows;
            }
            Thread.sleep(1_000);
        }
    }

    /**
     * How many {@code completed} status events each operation got on the status topic: more than one means the AI
     * work ran twice (at-least-once delivery after a crash), which is allowed as long as the user sees one result.
     */
    static Map<UUID, Integer> completedEvents(String bootstrap, Set<UUID> operations) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<UUID, Integer> counts = new HashMap<>();
        Set<String> wanted = operations.stream().map(UUID::toString).collect(Collectors.toSet());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(STATUS_TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && wanted.contains(record.key()) && isCompleted(record.value())) {
                        counts.merge(UUID.fromString(record.key()), 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }

    private static boolean isCompleted(String value) {
        try {
            return "completed"
                    .equalsIgnoreCase(Http.JSON.readTree(value).path("status").asString(""));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Array uuids(Connection connection, Collection<UUID> ids) throws SQLException {
        return connection.createArrayOf("uuid", new ArrayList<>(ids).toArray());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
