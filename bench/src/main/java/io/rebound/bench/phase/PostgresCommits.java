package io.rebound.bench.phase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The database server's own limit: single-row inserts, each its own transaction (autocommit), over plain JDBC, from
 * {@code connections} connections at once, into a table of the bench's own schema on the same server.
 */
final class PostgresCommits {

    private static final String PAYLOAD = "{\"role\":\"Backend engineer\",\"note\":\"" + "x".repeat(160) + "\"}";

    private PostgresCommits() {}

    static void prepare(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create schema if not exists bench");
            statement.execute("create table if not exists bench.commits (id bigserial primary key,"
                    + " payload text not null, created_at timestamptz not null default now())");
            statement.execute("truncate bench.commits");
        }
    }

    /** Commits per second over {@code measure}, after a second of warm-up. */
    static double run(String url, String user, String password, int connections, Duration measure) {
        AtomicLong counted = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long from = start + 1_000_000_000L;
        long to = from + measure.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread thread = new Thread(
                    () -> {
                        try (Connection connection = DriverManager.getConnection(url, user, password);
                                PreparedStatement insert =
                                        connection.prepareStatement("insert into bench.commits (payload) values (?)")) {
                            connection.setAutoCommit(true);
                            insert.setString(1, PAYLOAD);
                            long now;
                            while ((now = System.nanoTime()) < to) {
                                insert.executeUpdate();
                                if (now >= from) {
                                    counted.incrementAndGet();
                                }
                            }
                        } catch (SQLException e) {
                            failure.compareAndSet(null, e);
                        }
                    },
                    "bench-pg-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("PostgreSQL commit baseline failed: " + failure.get(), failure.get());
        }
        return counted.get() / (measure.toNanos() / 1e9);
    }
}
