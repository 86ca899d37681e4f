package io.rebound.gateway.live;

import io.rebound.gateway.operation.OperationView;
import io.rebound.gateway.operation.OperationViews;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of the operations of a session. Each event is named {@code operation}, carries the operation's
 * current view and has the id of the change that caused it; a client reconnecting with {@code Last-Event-ID} first
 * gets every change it missed.
 *
 * <p>When the gateway shuts down it ends every stream first: an open stream never finishes by itself, so Tomcat's
 * graceful shutdown would otherwise wait its full 30 s for them. Clients reconnect (to another gateway) with their
 * {@code Last-Event-ID} and miss nothing.
 */
@Component
public class SessionEventStream implements SmartLifecycle {

    static final Duration EMITTER_TIMEOUT = Duration.ofMinutes(30);

    private final Map<UUID, Set<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private final JdbcTemplate jdbc;
    private final OperationViews views;

    SessionEventStream(JdbcTemplate jdbc, OperationViews views) {
        this.jdbc = jdbc;
        this.views = views;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Runs before the web server's graceful shutdown (a higher phase stops first). */
    @Override
    public void stop() {
        running = false;
        subscribers.values().forEach(set -> set.forEach(SseEmitter::complete));
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Opens a stream; the caller has checked that the session is the user's. */
    public SseEmitter subscribe(UUID sessionId, Long lastEventId) {
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT.toMillis());
        Set<SseEmitter> set = subscribers.computeIfAbsent(sessionId, id -> new CopyOnWriteArraySet<>());
        set.add(emitter);
        Runnable remove = () -> set.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        send(emitter, SseEmitter.event().comment("connected"));
        if (lastEventId != null) {
            replay(sessionId, lastEventId, emitter);
        }
        return emitter;
    }

    /** Called for each committed change (from any gateway). */
    void changed(long changeId, UUID sessionId) {
        Set<SseEmitter> set = subscribers.get(sessionId);
        if (set == null || set.isEmpty()) {
            return;
        }
        UUID operationId =
                jdbc.queryForObject("select operation_id from operation_changes where id = ?", UUID.class, changeId);
        views.byId(operationId).ifPresent(view -> set.forEach(emitter -> sendOperation(emitter, changeId, view)));
    }

    private void replay(UUID sessionId, long lastEventId, SseEmitter emitter) {
        Map<UUID, Long> latest = new LinkedHashMap<>();
        jdbc.query(
                "select id, operation_id from operation_changes where session_id = ? and id > ? order by id",
                rs -> {
                    UUID operationId = rs.getObject("operation_id", UUID.class);
                    latest.remove(operationId);
                    latest.put(operationId, rs.getLong("id"));
                },
                sessionId,
                lastEventId);
        latest.forEach((operationId, changeId) ->
                views.byId(operationId).ifPresent(view -> sendOperation(emitter, changeId, view)));
    }

    @Scheduled(fixedRateString = "${rebound.gateway.sse-heartbeat:15s}")
    void heartbeat() {
        subscribers
                .values()
                .forEach(set -> set.forEach(emitter ->
                        send(emitter, SseEmitter.event().name("heartbeat").data("{}"))));
    }

    int subscriberCount() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }

    private void sendOperation(SseEmitter emitter, long changeId, OperationView view) {
        send(
                emitter,
                SseEmitter.event().id(Long.toString(changeId)).name("operation").data(view));
    }

    private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            synchronized (emitter) {
                emitter.send(event);
            }
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
    }
}
