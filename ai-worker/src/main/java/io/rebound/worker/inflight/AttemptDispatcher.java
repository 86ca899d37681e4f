package io.rebound.worker.inflight;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rebound.worker.NonBlockingRetryMode;
import io.rebound.worker.WorkerProperties;
import io.rebound.worker.breaker.CircuitBreakerCoordinator;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Runs attempts with at most {@code max-in-flight} of them at once, each on a thread of its own pool: Spring AI's
 * {@code ChatModel.call} blocks its thread for the whole AI call, and JDK 17 has no virtual threads. Attempts wait in a
 * {@link FairQueue} for a slot; none starts while the circuit breaker is open. The queue never grows without bound:
 * it only holds records the listeners have fetched, and the {@link FetchWindow} stops their fetching at its capacity.
 */
@Component
@Conditional(NonBlockingRetryMode.class)
public class AttemptDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AttemptDispatcher.class);
    private static final Duration BREAKER_RECHECK = Duration.ofMillis(200);

    /** An attempt; told when the circuit breaker holds it, so that it can say until when. */
    public interface Job extends Runnable {
        default void held(Instant until) {}
    }

    private final int limit;
    private final FairQueue<Job> waiting = new FairQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger scheduled = new AtomicInteger();
    private final AtomicBoolean recheckScheduled = new AtomicBoolean();
    private final CircuitBreakerCoordinator breaker;
    private final ExecutorService calls;
    private final ScheduledExecutorService timer;

    AttemptDispatcher(WorkerProperties properties, CircuitBreakerCoordinator breaker, MeterRegistry registry) {
        this.limit = properties.maxInFlight();
        this.breaker = breaker;
        AtomicInteger threads = new AtomicInteger();
        this.calls = Executors.newFixedThreadPool(limit, task -> {
            Thread thread = new Thread(task, "ai-call-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "attempt-timer");
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("rebound.worker.in.flight", inFlight, AtomicInteger::get)
                .description("AI calls of operations running now (each with its status and outcome writes)")
                .register(registry);
        Gauge.builder("rebound.worker.in.flight.limit", () -> limit)
                .description("The most AI calls this worker runs at once (REBOUND_WORKER_MAX_IN_FLIGHT)")
                .register(registry);
        Gauge.builder("rebound.worker.waiting", waiting, FairQueue::size)
                .description("Attempts due but waiting for a free slot or for the circuit breaker to close")
                .register(registry);
        Gauge.builder("rebound.worker.scheduled", scheduled, AtomicInteger::get)
                .description("Retries held in memory until their due time")
                .register(registry);
        log.info("non-blocking retry mode max_in_flight={}", limit);
    }

    /** Starts the job when a slot is free and the breaker lets calls through. */
    public void dispatch(String owner, Job job) {
        waiting.add(owner, job);
        drain();
    }

    /** Dispatches the job at {@code dueAt} without holding a thread meanwhile. */
    public void dispatchAt(Instant dueAt, String owner, Job job) {
        long delay = Duration.between(Instant.now(), dueAt).toMillis();
        if (delay <= 0) {
            dispatch(owner, job);
            return;
        }
        scheduled.incrementAndGet();
        timer.schedule(
                () -> {
                    scheduled.decrementAndGet();
                    dispatch(owner, job);
                },
                delay,
                TimeUnit.MILLISECONDS);
    }

    int inFlight() {
        return inFlight.get();
    }

    private void drain() {
        while (true) {
            if (!breaker.allowsCalls()) {
                holdWhileBreakerIsOpen();
                return;
            }
            Job job;
            synchronized (this) {
                if (inFlight.get() >= limit || (job = waiting.poll()) == null) {
                    return;
                }
                inFlight.incrementAndGet();
            }
            try {
                calls.execute(() -> run(job));
            } catch (RejectedExecutionException e) {
                inFlight.decrementAndGet();
                log.debug("worker is shutting down; attempt not started");
                return;
            }
        }
    }

    private void run(Job job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            log.error("attempt failed unexpectedly", e);
        } finally {
            inFlight.decrementAndGet();
            drain();
        }
    }

    private void holdWhileBreakerIsOpen() {
        if (waiting.size() == 0 || !recheckScheduled.compareAndSet(false, true)) {
            return;
        }
        Instant until = breaker.heldUntil();
        waiting.forEach(job -> job.held(until));
        try {
            timer.schedule(
                    () -> {
                        recheckScheduled.set(false);
                        drain();
                    },
                    BREAKER_RECHECK.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            recheckScheduled.set(false);
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        calls.shutdownNow();
    }
}
