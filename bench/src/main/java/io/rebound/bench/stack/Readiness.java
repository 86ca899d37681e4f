package io.rebound.bench.stack;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/** Waits for a started service to listen, and says why when it does not (the end of its log). */
public final class Readiness {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void awaitPort(Service service, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("localhost", port)) {
                return;
            } catch (IOException e) {
                pause(service);
            }
        }
        throw notUp(service, timeout);
    }

    public void awaitHttp(Service service, String url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .build();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            pause(service);
        }
        throw notUp(service, timeout);
    }

    private static void pause(Service service) {
        if (!service.isAlive()) {
            throw new IllegalStateException(service.name() + " exited; see " + service.log() + "\n" + tail(service));
        }
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static IllegalStateException notUp(Service service, Duration timeout) {
        return new IllegalStateException(service.name() + " did not come up within " + timeout.toSeconds() + " s; see "
                + service.log() + "\n" + tail(service));
    }

    private static String tail(Service service) {
        try {
            List<String> lines = Files.readAllLines(service.log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
