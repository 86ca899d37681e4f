package io.rebound.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A real PostgreSQL server from zonky's embedded binaries, with its data kept in a directory so a second start finds
 * the data of the first. It creates the application's database and role on first start.
 */
public final class LocalPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static LocalPostgres start(Path dataDir, int port, String database, String user, String password) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
            createDatabase(postgres, database, user, password);
            return new LocalPostgres(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    private static void createDatabase(EmbeddedPostgres postgres, String database, String user, String password)
            throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet role = statement.executeQuery("select 1 from pg_roles where rolname = '" + user + "'")) {
                if (!role.next()) {
                    statement.execute(
                            "create role \"" + user + "\" login password '" + password.replace("'", "''") + "'");
                }
            }
            try (ResultSet db =
                    statement.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (!db.next()) {
                    statement.execute("create database \"" + database + "\" owner \"" + user + "\"");
                }
            }
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs PostgreSQL as its own process for {@code make run}; Ctrl-C stops it cleanly. */
    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(LocalKafka.env("POSTGRES_DATA_DIR", ".data/postgres"));
        int port = Integer.parseInt(LocalKafka.env("POSTGRES_PORT", "15432"));
        String database = LocalKafka.env("POSTGRES_DB", "rebound");
        LocalPostgres postgres = start(
                dataDir,
                port,
                database,
                LocalKafka.env("POSTGRES_USER", "rebound"),
                LocalKafka.env("POSTGRES_PASSWORD", "rebound"));
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "local-postgres-stop"));
        System.out.println("PostgreSQL listening on " + postgres.jdbcUrl(database) + ", data in " + dataDir);
        // The server is a child process; this JVM only has to live as long as it should run.
        new CountDownLatch(1).await();
    }
}
