package io.rebound.bench.load;

import io.rebound.bench.client.GatewayUser;
import io.rebound.bench.client.Http;
import io.rebound.bench.client.SessionEvents;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A virtual user's interview session with its live event stream open, as the SPA keeps it. */
public final class Participant implements AutoCloseable {

    static final Set<String> TERMINAL = Set.of("completed", "failed");
    private static final Duration SSE_WAIT = Duration.ofSeconds(20);
    private static final Duration GIVE_UP = Duration.ofSeconds(90);

    private final GatewayUser user;
    private final UUID sessionId;
    private final String role;
    private final SessionEvents events;

    private Participant(GatewayUser user, UUID sessionId, String role, SessionEvents events) {
        this.user = user;
        this.sessionId = sessionId;
        this.role = role;
        this.events = events;
    }

    public static Participant join(GatewayUser user, String role) {
        UUID session = user.createSession(role);
        return new Participant(user, session, role, user.watch(session));
    }

    public GatewayUser user() {
        return user;
    }

    public SessionEvents events() {
        return events;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public String role() {
        return role;
    }

    /** Asks for a question and waits until the operation is completed or failed. */
    public OperationSample askAndWait(boolean marked) {
        long start = System.nanoTime();
        UUID id = user.askQuestion(sessionId);
        long accepted = System.nanoTime();
        Optional<SessionEvents.Seen> done = events.await(id, TERMINAL, SSE_WAIT);
        String status;
        long doneNanos;
        if (done.isPresent()) {
            doneNanos = done.get().nanos();
            status = events.await(id, Set.of("completed"), Duration.ZERO).isPresent() ? "completed" : "failed";
        } else {
            // The stream should have told us; ask the API like the SPA's polling fallback does.
            status = pollUntilTerminal(id, start + GIVE_UP.toNanos());
            doneNanos = System.nanoTime();
        }
        events.forget(id);
        return new OperationSample(id, marked, start, accepted, doneNanos, status);
    }

    private String pollUntilTerminal(UUID id, long deadline) {
        while (System.nanoTime() < deadline) {
            try {
                JsonNode operation = user.operation(id);
                String status = operation.path("status").asString();
                if (TERMINAL.contains(status)) {
                    return status;
                }
            } catch (Http.HttpFailure e) {
                // keep polling until the deadline
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "lost";
    }

    @Override
    public void close() {
        events.close();
    }
}
