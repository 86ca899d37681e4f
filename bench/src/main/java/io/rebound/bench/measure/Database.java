package io.rebound.bench.measure;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Questions to the gateway's database: when operations were created and finished. The only write is
 * {@link #ensureAccounts}, the bench's own user accounts.
 */
public final class Database implements AutoCloseable {

    /** An operation's own timestamps, both taken by the gateway. */
    public record Timing(UUID id, String status, Instant createdAt, Instant finishedAt, int attempts) {
        public double elapsedMs() {
            return Duration.between(createdAt, finishedAt).toNanos() / 1e6;
        }
    }

    /**
     * Where a completed operation's time went, by the timestamps of its last attempt: from the request to the worker
     * announcing {@code processing} (outbox relay, Kafka, waiting for a consumer thread), the attempt itself (AI call
     * and status publishing), and from the worker's {@code completed} to the gateway writing it (status topic,
     * gateway consumer, database).
     */
    public record Stages(double toWorkerMs, double attemptMs, double backMs) {}

    private final Connection connection;

    public Database(String url, String user, String password) {
        try {
            connection = DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + url, e);
        }
    }

    public Connection connection() {
        return connection;
    }

    /** Operations that reached {@code completed} inside the window. */
    public long completedBetween(Instant from, Instant to) {
        return single(
                "select count(*) from operations where status = 'COMPLETED' and finished_at >= ? and finished_at < ?",
                Timestamp.from(from),
                Timestamp.from(to));
    }

    /** Operations not finished yet. */
    public long open() {
        return single("select count(*) from operations where status in ('PENDING', 'PROCESSING')");
    }

    /** Open operations waiting for a worker ({@code PENDING}) and being worked on ({@code PROCESSING}). */
    public long[] openByStatus() {
        String sql = "select count(*) filter (where status = 'PENDING'), count(*) filter (where status = 'PROCESSING')"
                + " from operations where status in ('PENDING', 'PROCESSING')";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Creates user accounts (role USER) that sign in with the same password as {@code template}, by copying its
     * BCrypt hash; existing ones are left alone. The gateway has no sign-up, and the demo profile seeds only two users.
     */
    public void ensureAccounts(List<String> emails, String template) {
        String sql = "insert into users (id, email, password_hash, display_name, role, created_at)"
                + " select gen_random_uuid(), ?, password_hash, ?, 'USER', now() from users where email = ?"
                + " on conflict (email) do nothing";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (String email : emails) {
                statement.setString(1, email);
                statement.setString(2, "Bench " + email.substring(0, email.indexOf('@')));
                statement.setString(3, template);
                statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the bench's accounts", e);
        }
    }

    public long unpublishedOutbox() {
        return single("select count(*) from outbox_events where published_at is null");
    }

    /** The timings of the given finished operations (unfinished ones are left out). */
    public List<Timing> timings(Collection<UUID> ids) {
        List<Timing> timings = new ArrayList<>();
        if (ids.isEmpty()) {
            return timings;
        }
        String sql = "select id, status, created_at, finished_at, attempt_count from operations"
                + " where id = any(?) and finished_at is not null";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Array array = connection.createArrayOf("uuid", ids.toArray());
            statement.setArray(1, array);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    timings.add(new Timing(
                            rows.getObject(1, UUID.class),
                            rows.getString(2),
                            rows.getTimestamp(3).toInstant(),
                            rows.getTimestamp(4).toInstant(),
                            rows.getInt(5)));
                }
            }
            return timings;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stages of the given completed operations. */
    public List<Stages> stages(Collection<UUID> ids) {
        List<Stages> stages = new ArrayList<>();
        if (ids.isEmpty()) {
            return stages;
        }
        String sql = "select extract(epoch from a.started_at - o.created_at) * 1000,"
                + " extract(epoch from a.ended_at - a.started_at) * 1000,"
                + " extract(epoch from o.finished_at - a.ended_at) * 1000"
                + " from operations o join operation_attempts a on a.operation_id = o.id and a.number = o.attempt_count"
                + " where o.id = any(?) and o.status = 'COMPLETED' and a.started_at is not null"
                + " and a.ended_at is not null";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    stages.add(new Stages(rows.getDouble(1), rows.getDouble(2), rows.getDouble(3)));
                }
            }
            return stages;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * For failed operations: when the worker published the last attempt's failure (its {@code ended_at}, stamped
     * after the dead-letter publish returned) and when the gateway wrote {@code failed}, by operation.
     */
    public Map<UUID, Instant[]> failureTimes(Collection<UUID> ids) {
        Map<UUID, Instant[]> times = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return times;
        }
        String sql = "select o.id, a.ended_at, o.finished_at from operations o join operation_attempts a"
                + " on a.operation_id = o.id and a.number = o.attempt_count"
                + " where o.id = any(?) and o.status = 'FAILED' and a.ended_at is not null";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    times.put(rows.getObject(1, UUID.class), new Instant[] {
                        rows.getTimestamp(2).toInstant(), rows.getTimestamp(3).toInstant()
                    });
                }
            }
            return times;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until no operation is open, so the next run starts from an empty pipeline. */
    public void awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Server settings that decide what a commit costs. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : List.of("server_version", "fsync", "synchronous_commit", "shared_buffers")) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("show " + name)) {
                rows.next();
                settings.put(name, rows.getString(1));
            } catch (SQLException e) {
                settings.put(name, "?");
            }
        }
        return settings;
    }

    private long single(String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing at the end of the bench
        }
    }
}
