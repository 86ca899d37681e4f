package io.rebound.bench.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process of the stack under test. Its pid goes to {@code <data>/pids/<name>.pid} so that bench.sh can stop it
 * even if the bench JVM itself is killed.
 */
public final class Service {

    private final String name;
    private final Process process;
    private final Path pidFile;
    private final Path log;

    private Service(String name, Process process, Path pidFile, Path log) {
        this.name = name;
        this.process = process;
        this.pidFile = pidFile;
        this.log = log;
    }

    public static Service start(String name, List<String> command, Map<String, String> env, Path dataDir) {
        try {
            Path logs = Files.createDirectories(dataDir.resolve("logs"));
            Path pids = Files.createDirectories(dataDir.resolve("pids"));
            Path log = logs.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Environment.apply(builder.environment(), env);
            Process process = builder.start();
            Path pidFile = pids.resolve(name + ".pid");
            Files.writeString(pidFile, Long.toString(process.pid()));
            return new Service(name, process, pidFile, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: the process gets no chance to finish anything, as in a crash or an OOM kill. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(pidFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // bench.sh only kills pids that are still alive, so a stale file is harmless
        }
    }

    /** SIGTERM, so Spring, Kafka and PostgreSQL shut down cleanly; SIGKILL after 30 s. */
    public void stop() {
        stop(30);
    }

    /** SIGTERM, then SIGKILL after {@code graceSeconds}. */
    public void stop(int graceSeconds) {
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // bench.sh only kills pids that are still alive, so a stale file is harmless
        }
    }
}
