package io.rebound.worker.inflight;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rebound.worker.NonBlockingRetryMode;
import io.rebound.worker.breaker.CircuitBreakerCoordinator;
import io.rebound.worker.finished.FinishedOperations;
import io.rebound.worker.operation.AttemptRunner;
import io.rebound.worker.retry.AiCallFailure;
import io.rebound.worker.retry.AttemptReporter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The retries this worker wrote to {@code operations.requested-retry} that no listener of its own has read back yet. A
 * retry listener stops fetching while it holds its {@link FetchWindow} capacity of retries not yet done, and while the
 * circuit breaker is open they are not: a retry written behind them stays unread, with the {@code next_retry_at} of
 * its write (as does one whose partition is being handed to another worker). While the
 * breaker holds calls, such a retry's {@code next_retry_at} is published again with the breaker's time whenever the
 * shown one is about to pass, so that the time users see is never in the past. A retry that another worker reads is
 * forgotten once its operation finishes or passes its deadline.
 */
@Component
@Conditional(NonBlockingRetryMode.class)
class UnreadRetries implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UnreadRetries.class);
    static final Duration CHECK_EVERY = Duration.ofMillis(250);
    /** A shown time closer than this is moved on: a status event takes a moment to reach the user. */
    static final Duration MARGIN = Duration.ofSeconds(1);

    private final Map<UUID, Unread> unread = new ConcurrentHashMap<>();
    private final CircuitBreakerCoordinator breaker;
    private final FinishedOperations finished;
    private final AttemptRunner attempts;
    private final AttemptReporter reporter;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "unread-retries");
        thread.setDaemon(true);
        return thread;
    });

    /** @param failure the attempt that failed; the retry is attempt {@code failure.attempt() + 1} */
    private record Unread(AiCallFailure failure, Instant shownUntil) {

        int retryAttempt() {
            return failure.attempt() + 1;
        }
    }

    UnreadRetries(
            CircuitBreakerCoordinator breaker,
            FinishedOperations finished,
            AttemptRunner attempts,
            AttemptReporter reporter,
            MeterRegistry registry) {
        this.breaker = breaker;
        this.finished = finished;
        this.attempts = attempts;
        this.reporter = reporter;
        Gauge.builder("rebound.worker.retries.unread", unread, Map::size)
                .description("Retries this worker wrote to the retry topic and has not read back yet")
                .register(registry);
    }

    @Override
    public void afterPropertiesSet() {
        timer.scheduleWithFixedDelay(
                this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The retry after {@code failure} goes to the retry topic (its write is tried until it succeeds), due at
     * {@code dueAt}, the next_retry_at users see.
     */
    void written(AiCallFailure failure, Instant dueAt) {
        unread.put(failure.request().operationId(), new Unread(failure, dueAt));
    }

    /** A listener of this worker has read attempt {@code attempt} of the operation. */
    void read(UUID operationId, int attempt) {
        unread.computeIfPresent(operationId, (id, entry) -> entry.retryAttempt() <= attempt ? null : entry);
    }

    int size() {
        return unread.size();
    }

    /** Forgets what finished or expired; while the breaker holds calls, moves each shown time that is about to pass. */
    void check() {
        try {
            boolean held = !breaker.allowsCalls();
            Instant soon = Instant.now().plus(MARGIN);
            unread.forEach((id, entry) -> {
                if (finished.contains(id) || attempts.expired(entry.failure().request())) {
                    unread.remove(id, entry);
                } else if (held && entry.shownUntil().isBefore(soon)) {
                    Instant until = breaker.heldUntil();
                    if (unread.replace(id, entry, new Unread(entry.failure(), until))) {
                        reporter.report(entry.failure(), until);
                    }
                }
            });
        } catch (RuntimeException e) {
            log.warn("could not check the unread retries: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
