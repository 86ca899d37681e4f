package io.rebound.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The fan-out of events to streams, with emitters that stand for a client reading or one that stopped reading. */
class SessionEventStreamTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Deque<SseEmitter> nextEmitters = new ArrayDeque<>();
    private final CountDownLatch unblock = new CountDownLatch(1);
    private final SessionEventStream streams = new SessionEventStream(
            null, null, new LiveProperties(10, 4, 2, Duration.ofMillis(20)), meters, timeout -> nextEmitters.pop());

    @AfterEach
    void stop() {
        unblock.countDown();
        streams.stop();
    }

    @Test
    void aClientThatStopsReadingIsDroppedAndDoesNotHoldUpAnotherStreamOfTheSameSession() {
        UUID session = UUID.randomUUID();
        StuckClient stuck = new StuckClient(unblock);
        ReadingClient reading = new ReadingClient();
        nextEmitters.add(stuck);
        nextEmitters.add(reading);
        streams.subscribe(session, "mallory@example.com", null);
        streams.subscribe(session, "ada@example.com", null);

        streams.start();

        // The stuck client's first write never returns; four more events fill its queue and it is dropped.
        await().atMost(Duration.ofSeconds(5)).until(stuck.completed::get);
        assertThat(streams.subscriberCount()).isEqualTo(1);
        assertThat(meters.get("rebound.live.streams.dropped").counter().count()).isEqualTo(1.0);
        // Meanwhile the reading client gets every heartbeat.
        int before = reading.events.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> reading.events.get() >= before + 10);
        assertThat(stuck.writes.get()).isEqualTo(1);
    }

    @Test
    void aSessionsEntryGoesWithItsLastStream() {
        UUID session = UUID.randomUUID();
        StuckClient stuck = new StuckClient(unblock);
        nextEmitters.add(stuck);
        streams.subscribe(session, "mallory@example.com", null);
        assertThat(meters.get("rebound.live.sessions").gauge().value()).isEqualTo(1.0);

        streams.start();

        await().atMost(Duration.ofSeconds(5)).until(stuck.completed::get);
        assertThat(meters.get("rebound.live.sessions").gauge().value()).isZero();
        assertThat(meters.get("rebound.live.streams").gauge().value()).isZero();
    }

    @Test
    void aUserWhoOpensMoreStreamsThanOneMayHoldLosesTheOldest() {
        ReadingClient[] mine = new ReadingClient[11];
        for (int i = 0; i < mine.length; i++) {
            mine[i] = new ReadingClient();
            nextEmitters.add(mine[i]);
            streams.subscribe(UUID.randomUUID(), "mallory@example.com", null);
        }
        ReadingClient other = new ReadingClient();
        nextEmitters.add(other);
        streams.subscribe(UUID.randomUUID(), "ada@example.com", null);

        assertThat(mine[0].completed).isTrue();
        for (int i = 1; i < mine.length; i++) {
            assertThat(mine[i].completed).as("stream %d", i).isFalse();
        }
        assertThat(other.completed).isFalse();
        assertThat(streams.subscriberCount()).isEqualTo(11);
        assertThat(meters.get("rebound.live.streams.evicted").counter().count()).isEqualTo(1.0);
    }

    @Test
    void startsAgainAfterAStopAsAPausedContextDoes() {
        streams.start();
        streams.stop();
        streams.start();
        ReadingClient reading = new ReadingClient();
        nextEmitters.add(reading);

        streams.subscribe(UUID.randomUUID(), "ada@example.com", null);

        await().atMost(Duration.ofSeconds(5)).until(() -> reading.events.get() >= 3);
    }

    /** A client that reads what it is sent. */
    private static final class ReadingClient extends SseEmitter {
        final AtomicInteger events = new AtomicInteger();
        volatile boolean completed;

        @Override
        public void send(SseEventBuilder builder) {
            events.incrementAndGet();
        }

        @Override
        public void complete() {
            completed = true;
        }
    }

    /** A client that stopped reading: the write of the first event blocks, as on a full socket. */
    private static final class StuckClient extends SseEmitter {
        final AtomicInteger writes = new AtomicInteger();
        final AtomicBoolean completed = new AtomicBoolean();
        private final CountDownLatch unblock;

        StuckClient(CountDownLatch unblock) {
            this.unblock = unblock;
        }

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            writes.incrementAndGet();
            try {
                unblock.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        public void complete() {
            completed.set(true);
        }
    }
}
