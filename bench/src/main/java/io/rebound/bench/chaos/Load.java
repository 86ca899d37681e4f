package io.rebound.bench.chaos;

import io.rebound.bench.client.GatewayUser;
import io.rebound.bench.client.Http;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * Steady open-loop load: {@code count} question requests at a fixed rate, spread over the virtual users and, like a
 * load balancer, over the gateways that accept connections. Every request's answer is kept as the user saw it: 202
 * with an operation id, an error answer (problem+json or not), or no answer at all.
 */
final class Load {

    /** One interview session of a user, signed in on every gateway (sessions are per gateway, data is shared). */
    record VirtualUser(Map<String, GatewayUser> byGateway, UUID sessionId) {}

    enum Kind {
        ACCEPTED,
        PROBLEM,
        UNCLEAR,
        NO_ANSWER
    }

    /** What one request got; {@code detail} is the problem's status and code, or the I/O error. */
    record Answer(Kind kind, Instant sentAt, Duration took, UUID operationId, String detail) {}

    private final List<VirtualUser> users;
    private final List<String> gateways;
    private final Map<String, Long> downUntil = new ConcurrentHashMap<>();
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService senders = Executors.newFixedThreadPool(64);
    private Thread pacer;

    Load(List<VirtualUser> users, List<String> gateways) {
        this.users = users;
        this.gateways = List.copyOf(gateways);
    }

    /** Starts sending in the background; {@link #await()} waits for the last answer. */
    Load start(int count, double rate) {
        long intervalNanos = (long) (1_000_000_000L / rate);
        pacer = new Thread(
                () -> {
                    long start = System.nanoTime();
                    for (int i = 0; i < count; i++) {
                        long due = start + i * intervalNanos;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        int n = i;
                        senders.execute(() -> answers.add(send(users.get(n % users.size()))));
                    }
                },
                "chaos-pacer");
        pacer.start();
        return this;
    }

    List<Answer> await() throws InterruptedException {
        pacer.join();
        senders.shutdown();
        if (!senders.awaitTermination(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("requests still unanswered 2 minutes after the last was sent");
        }
        return List.copyOf(answers);
    }

    private Answer send(VirtualUser user) {
        Instant sentAt = Instant.now();
        long start = System.nanoTime();
        String lastError = "no gateway";
        for (int tried = 0; tried < gateways.size(); tried++) {
            String gateway = pickGateway();
            try {
                HttpResponse<String> response = user.byGateway().get(gateway).tryAskQuestion(user.sessionId());
                return classify(response, sentAt, Duration.ofNanos(System.nanoTime() - start));
            } catch (Http.HttpFailure e) {
                lastError = rootCause(e);
                if (!(e.getCause() instanceof ConnectException)) {
                    // It reached a gateway and got no answer: whether it was accepted is for the ledger to find out.
                    return new Answer(
                            Kind.NO_ANSWER, sentAt, Duration.ofNanos(System.nanoTime() - start), null, lastError);
                }
                // Nothing was sent: a load balancer takes the gateway out for a while and tries the next one.
                downUntil.put(gateway, System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
            }
        }
        return new Answer(Kind.NO_ANSWER, sentAt, Duration.ofNanos(System.nanoTime() - start), null, lastError);
    }

    private String pickGateway() {
        for (int i = 0; i < gateways.size(); i++) {
            String gateway = gateways.get(Math.floorMod(next.getAndIncrement(), gateways.size()));
            if (downUntil.getOrDefault(gateway, 0L) < System.nanoTime()) {
                return gateway;
            }
        }
        return gateways.get(Math.floorMod(next.getAndIncrement(), gateways.size()));
    }

    private static Answer classify(HttpResponse<String> response, Instant sentAt, Duration took) {
        if (response.statusCode() == 202) {
            JsonNode body = Http.JSON.readTree(response.body());
            return new Answer(
                    Kind.ACCEPTED, sentAt, took, UUID.fromString(body.path("id").asString()), "202");
        }
        return problem(response)
                .map(code -> new Answer(Kind.PROBLEM, sentAt, took, null, response.statusCode() + " " + code))
                .orElseGet(() -> new Answer(
                        Kind.UNCLEAR,
                        sentAt,
                        took,
                        null,
                        response.statusCode() + " "
                                + response.headers().firstValue("content-type").orElse("(no content type)")));
    }

    /** The problem's code (or title) if the answer is a problem+json document with a status and a title. */
    static Optional<String> problem(HttpResponse<String> response) {
        String type = response.headers().firstValue("content-type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return Optional.empty();
        }
        try {
            JsonNode body = Http.JSON.readTree(response.body());
            if (body.path("status").asInt() != response.statusCode()
                    || body.path("title").asString("").isEmpty()) {
                return Optional.empty();
            }
            String code = body.path("code").asString("");
            return Optional.of(code.isEmpty() ? body.path("title").asString() : code);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
