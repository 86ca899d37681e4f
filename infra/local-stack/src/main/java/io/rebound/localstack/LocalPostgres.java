package io.rebound.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * A real PostgreSQL server from zonky's embedded binaries, with its data kept in a directory so a second start finds
 * the data of the first. It creates the application's database and role on first start.
 */
public final class LocalPostgres implements AutoCloseable {

    /** Held so that the guard's stdin (a pipe whose write end only this JVM has) stays open while the JVM lives. */
    @SuppressWarnings("unused")
    private static Process guard;

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

    /**
     * Runs PostgreSQL as its own process for {@code make run}; Ctrl-C stops it cleanly. The server (a child of
     * {@code pg_ctl}, in its own session) is stopped when this JVM stops, when the process that started this JVM is
     * gone, and, by a small guard process, when this JVM is killed. Its pids go to {@code <data dir>.pid}; a start that
     * finds a PostgreSQL an earlier run left there (or in the data directory's {@code postmaster.pid}) stops it first.
     */
    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(LocalKafka.env("POSTGRES_DATA_DIR", ".data/postgres"));
        int port = Integer.parseInt(LocalKafka.env("POSTGRES_PORT", "15432"));
        String database = LocalKafka.env("POSTGRES_DB", "rebound");
        Path pidFile = Lifeline.pidFile(dataDir);
        stopLeftovers(dataDir, pidFile);
        LocalPostgres postgres = start(
                dataDir,
                port,
                database,
                LocalKafka.env("POSTGRES_USER", "rebound"),
                LocalKafka.env("POSTGRES_PASSWORD", "rebound"));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            postgres.close();
                            Lifeline.deletePidFile(pidFile);
                        },
                        "local-postgres-stop"));
        long postmaster = postmasterPid(dataDir);
        Lifeline.writePidFile(pidFile, Map.of("postgres", postmaster));
        startGuard(postmaster, pidFile);
        Lifeline.exitWithParent("local-postgres");
        System.out.println("PostgreSQL listening on " + postgres.jdbcUrl(database) + ", data in " + dataDir
                + ", server pid " + postmaster + ", pid file " + pidFile);
        // The server is a child process; this JVM only has to live as long as it should run.
        new CountDownLatch(1).await();
    }

    /** Stops the launcher and the server an earlier run left behind, found by its pid file or its postmaster.pid. */
    static void stopLeftovers(Path dataDir, Path pidFile) {
        Map<String, Long> pids = Lifeline.readPidFile(pidFile);
        Lifeline.stopOrphanLauncher("PostgreSQL", pidFile, pids, LocalPostgres.class.getName());
        Set<Long> servers = new LinkedHashSet<>();
        if (pids.containsKey("postgres")) {
            servers.add(pids.get("postgres"));
        }
        if (dataDirUnused(dataDir)) {
            long fromDataDir = postmasterPid(dataDir);
            if (fromDataDir > 0) {
                servers.add(fromDataDir);
            }
        }
        for (long pid : servers) {
            Lifeline.alive(pid).filter(LocalPostgres::isPostgres).ifPresent(server -> {
                Lifeline.log("found PostgreSQL left running by an earlier run (pid " + server.pid() + ", "
                        + abbreviate(Lifeline.commandLine(server)) + "); stopping it (fast shutdown)");
                Lifeline.interruptThenKill(server, 20);
            });
        }
    }

    /** True unless a live launcher holds zonky's lock on the data directory. */
    private static boolean dataDirUnused(Path dataDir) {
        Path lockFile = dataDir.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (IOException | OverlappingFileLockException e) {
            return false;
        }
    }

    /** The first line of {@code postmaster.pid}, or 0 when there is none. */
    private static long postmasterPid(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? 0 : Long.parseLong(lines.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static String abbreviate(String commandLine) {
        return commandLine.length() <= 160 ? commandLine : commandLine.substring(0, 160) + "...";
    }

    private static boolean isPostgres(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.command().orElse("").contains("postgres")
                || Lifeline.commandLine(process).contains("postgres");
    }

    /**
     * A shell that blocks on a pipe from this JVM and, once the pipe closes because the JVM is gone (even by SIGKILL,
     * which runs no shutdown hook), stops the server if it is still running. Ignores SIGINT and SIGHUP, which reach the
     * whole process group of a terminal.
     */
    private static void startGuard(long postmaster, Path pidFile) {
        if (postmaster <= 0) {
            return;
        }
        String script = """
                trap '' INT HUP
                cat >/dev/null
                # A launcher that stopped PostgreSQL itself has removed its pid file.
                grep -qx "launcher=$3" "$2" 2>/dev/null || exit 0
                if kill -0 "$1" 2>/dev/null && ps -p "$1" -o comm= 2>/dev/null | grep -q postgres; then
                  echo "[local-stack] the PostgreSQL launcher (pid $3) is gone; stopping PostgreSQL (pid $1)"
                  kill -INT "$1"
                  i=0
                  while kill -0 "$1" 2>/dev/null && [ "$i" -lt 40 ]; do sleep 0.5; i=$((i + 1)); done
                  kill -0 "$1" 2>/dev/null && kill -KILL "$1"
                fi
                if grep -qx "launcher=$3" "$2" 2>/dev/null; then rm -f "$2"; fi
                """;
        try {
            guard = new ProcessBuilder(
                            "sh",
                            "-c",
                            script,
                            "local-postgres-guard",
                            Long.toString(postmaster),
                            pidFile.toString(),
                            Long.toString(ProcessHandle.current().pid()))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            Lifeline.log("could not start the guard that stops PostgreSQL if this launcher is killed: " + e);
        }
    }
}
