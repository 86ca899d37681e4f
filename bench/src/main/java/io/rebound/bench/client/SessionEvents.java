package io.rebound.bench.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The Server-Sent Events stream of one session, read on its own thread. It remembers when each operation was first
 * seen in each status, so a waiter never misses an event that arrived before it started waiting (the pending event
 * often arrives before the 202 does).
 */
public final class SessionEvents implements AutoCloseable {

    /** When an operation was first seen in a status: a monotonic clock for durations, a wall clock across processes. */
    public record Seen(long nanos, Instant at) {}

    private final Http http;
    private final URI uri;
    private final String cookies;
    private final Map<UUID, Map<String, Seen>> seen = new HashMap<>();
    private final SseParser parser = new SseParser(this::onEvent);
    private final Thread reader;
    private volatile boolean open = true;
    private volatile InputStream body;
    private volatile boolean connected;

    private SessionEvents(Http http, URI uri, String cookies) {
        this.http = http;
        this.uri = uri;
        this.cookies = cookies;
        reader = new Thread(this::read, "sse-" + uri.getPath().split("/")[4].substring(0, 8));
        reader.setDaemon(true);
    }

    static SessionEvents open(Http http, URI uri, String cookies) {
        SessionEvents events = new SessionEvents(http, uri, cookies);
        events.reader.start();
        events.awaitConnected(Duration.ofSeconds(30));
        return events;
    }

    /**
     * The first time the operation was seen in one of the statuses, waiting up to {@code timeout} for it; empty on
     * timeout.
     */
    public Optional<Seen> await(UUID operationId, Set<String> statuses, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (seen) {
            while (true) {
                Optional<Seen> first = first(operationId, statuses);
                long left = deadline - System.nanoTime();
                if (first.isPresent() || left <= 0 || !open) {
                    return first;
                }
                try {
                    seen.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    /** Forgets operations that nobody will wait for again, so a long run does not accumulate them. */
    public void forget(UUID operationId) {
        synchronized (seen) {
            seen.remove(operationId);
        }
    }

    @Override
    public void close() {
        open = false;
        InputStream stream = body;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // closing is all we wanted
            }
        }
        reader.interrupt();
    }

    private Optional<Seen> first(UUID operationId, Set<String> statuses) {
        Map<String, Seen> byStatus = seen.get(operationId);
        if (byStatus == null) {
            return Optional.empty();
        }
        return byStatus.entrySet().stream()
                .filter(e -> statuses.contains(e.getKey()))
                .map(Map.Entry::getValue)
                .min((a, b) -> Long.compare(a.nanos(), b.nanos()));
    }

    private void onEvent(SseParser.Event event) {
        if (!"operation".equals(event.name())) {
            return;
        }
        Seen now = new Seen(System.nanoTime(), Instant.now());
        JsonNode operation = Http.JSON.readTree(event.data());
        UUID id = UUID.fromString(operation.path("id").asString());
        String status = operation.path("status").asString();
        synchronized (seen) {
            seen.computeIfAbsent(id, k -> new HashMap<>()).putIfAbsent(status, now);
            seen.notifyAll();
        }
    }

    /** Reads until closed, reconnecting with {@code Last-Event-ID} if the stream drops. */
    private void read() {
        while (open) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .header("Accept", "text/event-stream")
                    .header("Cookie", cookies);
            if (parser.lastId() != null) {
                request.header("Last-Event-ID", parser.lastId());
            }
            try {
                HttpResponse<InputStream> response =
                        http.client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                body = response.body();
                if (response.statusCode() != 200) {
                    throw new IOException("events answered " + response.statusCode());
                }
                markConnected();
                try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while (open && (line = lines.readLine()) != null) {
                        parser.line(line);
                    }
                }
            } catch (IOException e) {
                if (open) {
                    System.err.println("events of " + uri + " dropped, reconnecting: " + e);
                    sleep(200);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void markConnected() {
        synchronized (seen) {
            connected = true;
            seen.notifyAll();
        }
    }

    private void awaitConnected(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (seen) {
            while (!connected && System.nanoTime() < deadline) {
                try {
                    seen.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (!connected) {
            throw new Http.HttpFailure("could not open " + uri);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
