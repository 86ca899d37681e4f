package io.rebound.system;

import io.rebound.testsupport.SharedInfrastructure;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real ai-worker jar as its own process, like in production: one per test JVM, pointed at the shared broker and
 * AI simulator. Its log goes to {@code target/worker-*.log}.
 */
final class WorkerProcess {

    private static WorkerProcess shared;

    private final Process process;
    private final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static synchronized WorkerProcess shared() {
        if (shared == null) {
            shared = start(SharedInfrastructure.kafkaBootstrapServers(), Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "worker-process-stop"));
        }
        return shared;
    }

    static WorkerProcess start(String bootstrapServers, Map<String, String> extraEnvironment) {
        String jar = System.getProperty("rebound.worker.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("worker jar not built: " + jar + " (run mvn package first)");
        }
        int port = freePort();
        Path log = Path.of("target", "worker-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("AI_BASE_URL", SharedInfrastructure.simulator().baseUrl() + "/v1");
        env.put("AI_API_KEY", "test-key");
        env.put("REBOUND_METRICS_PASSWORD", SharedInfrastructureInitializer.METRICS_PASSWORD);
        env.put("AI_TIMEOUT", "2s");
        env.put("WORKER_PORT", Integer.toString(port));
        env.put("REBOUND_KAFKA_MAX_BLOCK_MS", "5000");
        // The tests' scoped outages add up in one worker; the breaker has its own test in ai-worker.
        env.put("REBOUND_BREAKER_ENABLED", "false");
        env.putAll(extraEnvironment);
        try {
            WorkerProcess worker = new WorkerProcess(builder.start(), log);
            worker.awaitHealthy(port);
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(int port) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("worker exited with " + process.exitValue() + "; log:\n" + tail());
            }
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && partitionsAssigned()) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        throw new IllegalStateException("worker did not become healthy; log:\n" + tail());
    }

    /** Records sent before the consumer group has its partitions would only wait; the tests should not. */
    private boolean partitionsAssigned() {
        return logText().contains("partitions assigned: [operations.requested");
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String tail() {
        String text = logText();
        return text.substring(Math.max(0, text.length() - 4000));
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
