package io.rebound.bench.measure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sampling profiler of the database: every 20 ms, what each active backend of the application's database is doing
 * ({@code pg_stat_activity}: running on CPU, or waiting on a lock, I/O or the client). The averages say whether
 * statements queue in PostgreSQL (lock waits, many backends active) or whether the server is mostly idle.
 */
public final class PostgresWaits implements AutoCloseable {

    private static final String QUERY = "select coalesce(wait_event_type || ':' || wait_event, 'CPU (running)'),"
            + " count(*) from pg_stat_activity where datname = current_database() and state = 'active'"
            + " and pid <> pg_backend_pid() group by 1";

    private final Connection connection;
    private final Map<String, Long> counts = new TreeMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long samples;

    public PostgresWaits(String url, String user, String password) {
        try {
            connection = DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        thread = new Thread(this::sample, "bench-pg-waits");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
            while (running) {
                try (ResultSet rows = statement.executeQuery()) {
                    synchronized (counts) {
                        samples++;
                        while (rows.next()) {
                            counts.merge(rows.getString(1), rows.getLong(2), Long::sum);
                        }
                    }
                }
                Thread.sleep(20);
            }
        } catch (SQLException | InterruptedException e) {
            // stopped
        }
    }

    /** Average number of active backends in each state over the samples, busiest first. */
    public Map<String, Double> stop() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, Double> averages = new LinkedHashMap<>();
        synchronized (counts) {
            counts.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                    .forEach(e -> averages.put(e.getKey(), e.getValue() / (double) Math.max(1, samples)));
        }
        close();
        return averages;
    }

    @Override
    public void close() {
        running = false;
        try {
            connection.close();
        } catch (SQLException e) {
            // done
        }
    }
}
