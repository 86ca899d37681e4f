package io.rebound.worker.inflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rebound.worker.WorkerProperties;
import io.rebound.worker.breaker.CircuitBreakerCoordinator;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AttemptDispatcherTest {

    private final CircuitBreakerCoordinator breaker = mock(CircuitBreakerCoordinator.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private AttemptDispatcher dispatcher;

    @AfterEach
    void stop() {
        release.countDown();
        dispatcher.destroy();
    }

    @Test
    void runsAtMostTheLimitAtOnceAndStartsTheRestAsSlotsFree() {
        when(breaker.allowsCalls()).thenReturn(true);
        dispatcher = dispatcher(3);

        for (int i = 0; i < 10; i++) {
            dispatcher.dispatch("ada@example.com", this::blockingCall);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 3);
        assertThat(gauge("rebound.worker.in.flight")).isEqualTo(3);
        assertThat(gauge("rebound.worker.waiting")).isEqualTo(7);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> finished.get() == 10);
        assertThat(most.get()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> gauge("rebound.worker.in.flight") == 0);
    }

    @Test
    void startsNothingWhileTheBreakerIsOpenAndTellsHeldJobsUntilWhen() {
        when(breaker.allowsCalls()).thenReturn(false);
        when(breaker.heldUntil()).thenReturn(Instant.now().plusSeconds(8));
        dispatcher = dispatcher(3);
        AtomicInteger held = new AtomicInteger();
        AttemptDispatcher.Job job = new AttemptDispatcher.Job() {
            @Override
            public void run() {
                finished.incrementAndGet();
            }

            @Override
            public void held(Instant until) {
                assertThat(until).isAfter(Instant.now().plusSeconds(5));
                held.incrementAndGet();
            }
        };

        dispatcher.dispatch("ada@example.com", job);

        await().atMost(Duration.ofSeconds(5)).until(() -> held.get() >= 1);
        assertThat(finished.get()).isZero();
        when(breaker.allowsCalls()).thenReturn(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> finished.get() == 1);
    }

    @Test
    void aJobDueLaterStartsAtItsDueTimeWithoutHoldingASlotMeanwhile() {
        when(breaker.allowsCalls()).thenReturn(true);
        dispatcher = dispatcher(1);
        Instant due = Instant.now().plusMillis(500);
        AtomicInteger startedLate = new AtomicInteger();

        dispatcher.dispatchAt(due, "ada@example.com", () -> {
            if (!Instant.now().isBefore(due)) {
                startedLate.incrementAndGet();
            }
        });
        dispatcher.dispatch("bob@example.com", finished::incrementAndGet);

        await().atMost(Duration.ofSeconds(1)).until(() -> finished.get() == 1);
        assertThat(gauge("rebound.worker.scheduled")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> startedLate.get() == 1);
    }

    private void blockingCall() {
        most.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
            finished.incrementAndGet();
        }
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private AttemptDispatcher dispatcher(int limit) {
        WorkerProperties properties = new WorkerProperties(
                12,
                (short) 1,
                new WorkerProperties.Retry(
                        Duration.ofSeconds(1),
                        2.0,
                        Duration.ofSeconds(4),
                        3,
                        Duration.ofMillis(100),
                        Duration.ofSeconds(30),
                        4000,
                        WorkerProperties.RetryMode.NON_BLOCKING),
                "test-worker",
                new WorkerProperties.Breaker(true, 0.5, 4, 10, Duration.ofMillis(50), "Reply with OK."),
                Duration.ofDays(14),
                3,
                12,
                limit,
                256,
                Duration.ofMinutes(5));
        return new AttemptDispatcher(properties, breaker, registry);
    }
}
