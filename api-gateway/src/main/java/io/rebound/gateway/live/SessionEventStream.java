package io.rebound.gateway.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rebound.gateway.availability.AiAvailabilityChanged;
import io.rebound.gateway.operation.OperationView;
import io.rebound.gateway.operation.OperationViews;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of the operations of a session. Each event is named {@code operation}, carries the operation's
 * current view and has the id of the change that caused it; a client reconnecting with {@code Last-Event-ID} first
 * gets every change it missed.
 *
 * <p>No client can hold the others up. The thread that reads changes only queues each event on its streams; a small
 * pool of senders writes them, one stream at a time per sender, so a client that reads slowly delays only its own
 * stream, and one that stops reading fills its bounded queue and is dropped (it reconnects with its
 * {@code Last-Event-ID} and misses nothing). Heartbeats run on a thread of their own, not on the scheduler of the
 * watchdog and the outbox. A user holds at most {@link LiveProperties#maxStreamsPerUser()} streams (a new one ends the
 * oldest), and a session's entry goes when its last stream closes.
 *
 * <p>When the gateway shuts down it ends every stream first: an open stream never finishes by itself, so Tomcat's
 * graceful shutdown would otherwise wait its full 30 s for them. Clients reconnect (to another gateway) with their
 * {@code Last-Event-ID} and miss nothing.
 */
@Component
public class SessionEventStream implements SmartLifecycle {

    static final long EMITTER_TIMEOUT_MS = 30 * 60 * 1000L;

    private static final Logger log = LoggerFactory.getLogger(SessionEventStream.class);

    private final Map<UUID, Set<Stream>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Deque<Stream>> streamsPerUser = new ConcurrentHashMap<>();
    private final JdbcTemplate jdbc;
    private final OperationViews views;
    private final LiveProperties properties;
    // Made at each start: a stopped context (Spring's test context cache pauses idle ones) may be started again.
    private volatile ExecutorService senders;
    private volatile ScheduledExecutorService heartbeats;
    private final Counter dropped;
    private final Counter evictions;
    private volatile boolean running;

    private final LongFunction<SseEmitter> emitters;

    @Autowired
    SessionEventStream(JdbcTemplate jdbc, OperationViews views, LiveProperties properties, MeterRegistry meters) {
        this(jdbc, views, properties, meters, SseEmitter::new);
    }

    /** {@code emitters} makes the emitter of each new stream from its timeout in ms. */
    SessionEventStream(
            JdbcTemplate jdbc,
            OperationViews views,
            LiveProperties properties,
            MeterRegistry meters,
            LongFunction<SseEmitter> emitters) {
        this.emitters = emitters;
        this.jdbc = jdbc;
        this.views = views;
        this.properties = properties;
        this.dropped = Counter.builder("rebound.live.streams.dropped")
                .description("Event streams dropped because their client did not read what was sent")
                .register(meters);
        this.evictions = Counter.builder("rebound.live.streams.evicted")
                .description("Event streams ended because their user opened more than a user may hold")
                .register(meters);
        Gauge.builder("rebound.live.streams", this, SessionEventStream::subscriberCount)
                .description("Open event streams")
                .register(meters);
        Gauge.builder("rebound.live.sessions", subscribers, Map::size)
                .description("Sessions with at least one open event stream")
                .register(meters);
    }

    @Override
    public void start() {
        senders = Executors.newFixedThreadPool(properties.senders(), threads("live-sender-"));
        heartbeats = Executors.newSingleThreadScheduledExecutor(threads("live-heartbeat-"));
        long every = properties.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Runs before the web server's graceful shutdown (a higher phase stops first). */
    @Override
    public void stop() {
        running = false;
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        subscribers.values().forEach(set -> set.forEach(stream -> stream.close(true)));
        subscribers.clear();
        if (senders != null) {
            senders.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Opens a stream; the caller has checked that the session is the user's. A user who already holds the most streams
     * one user may loses the oldest of them: a closed tab is only noticed at the next write to it, so refusing the new
     * stream would lock out someone who reloads a page a few times, while ending the oldest keeps the cap.
     */
    public SseEmitter subscribe(UUID sessionId, String user, Long lastEventId) {
        SseEmitter emitter = emitters.apply(EMITTER_TIMEOUT_MS);
        Stream stream = new Stream(sessionId, user, emitter);
        // The user's streams, oldest first; changed only inside the map's atomic compute functions.
        Stream[] evicted = new Stream[1];
        streamsPerUser.compute(user, (u, held) -> {
            Deque<Stream> streams = held == null ? new ArrayDeque<>() : held;
            streams.addLast(stream);
            if (streams.size() > properties.maxStreamsPerUser()) {
                evicted[0] = streams.pollFirst();
            }
            return streams;
        });
        if (evicted[0] != null) {
            evictions.increment();
            evicted[0].close(true);
        }
        subscribers.compute(sessionId, (id, set) -> {
            Set<Stream> streams = set == null ? ConcurrentHashMap.newKeySet() : set;
            streams.add(stream);
            return streams;
        });
        emitter.onCompletion(() -> stream.close(false));
        emitter.onTimeout(() -> stream.close(false));
        emitter.onError(error -> stream.close(false));
        stream.offer(SseEmitter.event().comment("connected"));
        if (lastEventId != null) {
            replay(sessionId, lastEventId, stream);
        }
        return emitter;
    }

    /** Called for each committed change (from any gateway), on the thread that reads them. */
    void changed(long changeId, UUID sessionId) {
        Set<Stream> set = subscribers.get(sessionId);
        if (set == null || set.isEmpty()) {
            return;
        }
        UUID operationId =
                jdbc.queryForObject("select operation_id from operation_changes where id = ?", UUID.class, changeId);
        views.byId(operationId).ifPresent(view -> set.forEach(stream -> stream.offer(operationEvent(changeId, view))));
    }

    /**
     * The AI went down or came back: every open stream gets its session's unfinished operations again, with their new
     * waiting reason. No event id: nothing changed in the database, and a client's {@code Last-Event-ID} stays the
     * last change it saw.
     */
    @EventListener
    void onAvailabilityChanged(AiAvailabilityChanged changed) {
        subscribers.forEach((sessionId, set) -> {
            if (set.isEmpty()) {
                return;
            }
            views.forSession(sessionId).stream()
                    .filter(view -> view.finishedAt() == null)
                    .forEach(view -> set.forEach(stream ->
                            stream.offer(SseEmitter.event().name("operation").data(view))));
        });
    }

    private void replay(UUID sessionId, long lastEventId, Stream stream) {
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
        // Written on the request's thread, not queued: a long absence may have missed more changes than a queue holds.
        latest.forEach((operationId, changeId) ->
                views.byId(operationId).ifPresent(view -> stream.write(operationEvent(changeId, view))));
    }

    private void heartbeat() {
        try {
            subscribers
                    .values()
                    .forEach(set -> set.forEach(stream ->
                            stream.offer(SseEmitter.event().name("heartbeat").data("{}"))));
        } catch (RuntimeException e) {
            log.warn("heartbeat failed: {}", e.toString());
        }
    }

    int subscriberCount() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }

    int sessionCount() {
        return subscribers.size();
    }

    private static SseEmitter.SseEventBuilder operationEvent(long changeId, OperationView view) {
        return SseEmitter.event().id(Long.toString(changeId)).name("operation").data(view);
    }

    private void release(Stream stream) {
        streamsPerUser.computeIfPresent(stream.user, (u, held) -> {
            held.remove(stream);
            return held.isEmpty() ? null : held;
        });
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One open stream: its queue of events to write, and at most one sender writing them at a time. */
    private final class Stream {

        private final UUID sessionId;
        private final String user;
        private final SseEmitter emitter;
        private final BlockingQueue<SseEmitter.SseEventBuilder> queue;
        private final AtomicBoolean draining = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();

        Stream(UUID sessionId, String user, SseEmitter emitter) {
            this.sessionId = sessionId;
            this.user = user;
            this.emitter = emitter;
            this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        }

        void offer(SseEmitter.SseEventBuilder event) {
            if (closed.get()) {
                return;
            }
            if (!queue.offer(event)) {
                dropped.increment();
                log.info(
                        "dropping an event stream of session {}: its client has not read the last {} events",
                        sessionId,
                        properties.queueCapacity());
                close(true);
                return;
            }
            schedule();
        }

        private void schedule() {
            ExecutorService pool = senders;
            if (pool != null && !queue.isEmpty() && draining.compareAndSet(false, true)) {
                try {
                    pool.execute(this::drain);
                } catch (RejectedExecutionException shuttingDown) {
                    draining.set(false);
                }
            }
        }

        private void drain() {
            try {
                for (SseEmitter.SseEventBuilder event = queue.poll(); event != null; event = queue.poll()) {
                    if (!write(event)) {
                        return;
                    }
                }
            } finally {
                draining.set(false);
            }
            schedule();
        }

        /** Writes one event now; false when the stream is gone. */
        boolean write(SseEmitter.SseEventBuilder event) {
            if (closed.get()) {
                return false;
            }
            try {
                synchronized (this) {
                    emitter.send(event);
                }
                return true;
            } catch (IOException | IllegalStateException e) {
                close(false);
                emitter.completeWithError(e);
                return false;
            }
        }

        /** Forgets the stream; {@code end} also ends the response (a dropped client, or shutdown). */
        void close(boolean end) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            queue.clear();
            subscribers.computeIfPresent(sessionId, (id, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
            release(this);
            if (end) {
                emitter.complete();
            }
        }
    }
}
