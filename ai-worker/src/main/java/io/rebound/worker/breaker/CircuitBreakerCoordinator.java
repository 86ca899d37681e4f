package io.rebound.worker.breaker;

import io.micrometer.core.instrument.MeterRegistry;
import io.rebound.worker.WorkerProperties;
import io.rebound.worker.retry.Classification;
import io.rebound.worker.retry.FailureClassifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Acts on the {@link ProviderCircuitBreaker}'s decisions. When it opens, the {@code operation-worker} listener
 * container is paused and {@link #allowsCalls()} turns false (no attempt starts, retries included): offsets stay where they are and the consumers keep polling their paused partitions, so they stay
 * in the group and nothing is rebalanced; new operations stay {@code pending}. Every probe interval a probe calls the
 * provider; once one reaches it the container resumes. Each transition is logged, counted and published on
 * {@code worker.events}.
 *
 * <p>Consumer threads only record outcomes (a synchronized update of the window). One thread of the breaker's own
 * applies every transition, in the order the breaker made them, and runs the probes, so a probe and an open never
 * race. {@code pause()} and {@code resume()} only set a flag that each consumer thread acts on before its next poll,
 * which makes them safe to call from here.
 */
@Component
public class CircuitBreakerCoordinator implements DisposableBean {

    /** The id of the {@code @KafkaListener} of {@code OperationListener}. */
    static final String LISTENER_ID = "operation-worker";

    /**
     * The containers to pause: the operation listener's. The non-blocking mode's retry listener keeps fetching: no
     * attempt starts while {@link #allowsCalls()} is false, and a retry it holds can keep its next_retry_at ahead of
     * the user, which a retry left unread on a paused topic could not.
     */
    private static final List<String> LISTENER_IDS = List.of(LISTENER_ID);

    private static final Logger log = LoggerFactory.getLogger(CircuitBreakerCoordinator.class);

    private final WorkerProperties.Breaker config;
    private final ProviderCircuitBreaker breaker;
    private final ProviderProbe probe;
    private final FailureClassifier classifier;
    private final KafkaListenerEndpointRegistry listeners;
    private final CircuitEvents events;
    private final CircuitMetrics metrics;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ai-circuit-breaker");
        thread.setDaemon(true);
        return thread;
    });

    private volatile Instant nextProbeAt = Instant.now();

    // Touched by the breaker's thread only.
    private Instant openedAt = Instant.now();
    private int probes;

    CircuitBreakerCoordinator(
            WorkerProperties properties,
            ProviderProbe probe,
            FailureClassifier classifier,
            KafkaListenerEndpointRegistry listeners,
            CircuitEvents events,
            MeterRegistry registry) {
        this.config = properties.breaker();
        this.breaker =
                new ProviderCircuitBreaker(config.failureRatioThreshold(), config.minimumCalls(), config.windowSize());
        this.probe = probe;
        this.classifier = classifier;
        this.listeners = listeners;
        this.events = events;
        this.metrics = new CircuitMetrics(registry, breaker);
        log.info(
                "AI circuit breaker {} failure_ratio_threshold={} minimum_calls={} window_size={} probe_interval={}"
                        + " worker_id={}",
                config.enabled() ? "enabled" : "disabled",
                config.failureRatioThreshold(),
                config.minimumCalls(),
                config.windowSize(),
                config.probeInterval(),
                events.workerId());
    }

    /** False while the breaker is open or probing: no attempt should start then. */
    public boolean allowsCalls() {
        return !config.enabled() || breaker.state() == CircuitState.CLOSED;
    }

    /**
     * While the breaker is open, the earliest a held attempt may start: the next probe, and one probe interval more
     * should that probe fail. The {@code next_retry_at} of a held retry.
     */
    public Instant heldUntil() {
        return nextProbeAt.plus(config.probeInterval());
    }

    public void recordSuccess() {
        if (config.enabled()) {
            breaker.recordSuccess();
        }
    }

    /**
     * Only transient failures count: timeouts, connection errors, 5xx and 429. A 429 is the provider refusing all our
     * calls for a while; carrying on burns every operation's retries and prolongs the throttling. A permanent failure
     * (400, 401, quota, a refusal) is about the request or the configuration and is dead-lettered with its own error
     * code; a paused worker would only hide it.
     */
    public void recordFailure(Classification classification) {
        if (config.enabled() && classification.transientFailure()) {
            breaker.recordFailure().ifPresent(opened -> onBreakerThread(() -> apply(opened), 0));
        }
    }

    /** Never throws into a consumer thread: an exception here would replace the attempt's own failure. */
    private void onBreakerThread(Runnable task, long delayMillis) {
        try {
            thread.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("AI circuit breaker is shut down; dropped a task");
        }
    }

    private void apply(CircuitTransition transition) {
        try {
            metrics.transition(transition);
            switch (transition.to()) {
                case OPEN -> opened(transition);
                case HALF_OPEN -> log.info("AI circuit breaker half-open, probing the provider probe={}", probes);
                case CLOSED -> closed(transition);
            }
            events.publish(transition, nextProbeAt);
        } catch (RuntimeException e) {
            log.error("AI circuit breaker could not act on {} -> {}", transition.from(), transition.to(), e);
        }
    }

    private void opened(CircuitTransition transition) {
        // First, so that nothing below can leave the breaker open without a next probe.
        nextProbeAt = Instant.now().plus(config.probeInterval());
        onBreakerThread(this::probe, config.probeInterval().toMillis());
        containers().forEach(MessageListenerContainer::pause);
        if (transition.from() == CircuitState.CLOSED) {
            openedAt = transition.at();
            probes = 0;
            log.warn(
                    "AI circuit breaker opened, pausing consumption of {} failure_ratio={} calls={} threshold={}"
                            + " next_probe_in_ms={}",
                    LISTENER_ID,
                    ratio(transition.failureRatio()),
                    transition.calls(),
                    ratio(config.failureRatioThreshold()),
                    config.probeInterval().toMillis());
        } else {
            log.warn(
                    "AI circuit breaker probe failed, staying open probe={} open_for_ms={} next_probe_in_ms={}"
                            + " reason=\"{}\"",
                    probes,
                    openForMillis(transition),
                    config.probeInterval().toMillis(),
                    transition.reason());
        }
    }

    private void closed(CircuitTransition transition) {
        containers().forEach(MessageListenerContainer::resume);
        log.info(
                "AI circuit breaker closed after probe, resuming consumption of {} probes={} open_for_ms={}"
                        + " reason=\"{}\"",
                LISTENER_ID,
                probes,
                openForMillis(transition),
                transition.reason());
    }

    private void probe() {
        Optional<CircuitTransition> started = breaker.startProbe();
        if (started.isEmpty()) {
            return;
        }
        probes++;
        apply(started.get());
        callProvider().ifPresent(this::apply);
    }

    private Optional<CircuitTransition> callProvider() {
        try {
            probe.probe(config.probePrompt());
            metrics.probe("success");
            return breaker.probeSucceeded("probe succeeded");
        } catch (RuntimeException e) {
            Classification failure = classifier.classify(e);
            String answer =
                    failure.errorClass() + (failure.httpStatus() == null ? "" : " (HTTP " + failure.httpStatus() + ")");
            if (failure.transientFailure()) {
                metrics.probe("failure");
                return breaker.probeFailed("probe failed: " + answer + ": " + failure.message());
            }
            // The provider is reachable. What is wrong is not an outage, and operations dead-lettered with their own
            // error code (AI_CONFIGURATION, AI_QUOTA_EXCEEDED ...) tell users and SREs more than a paused worker.
            metrics.probe("answered_with_error");
            return breaker.probeSucceeded("provider reachable, it answered the probe with " + answer);
        }
    }

    private List<MessageListenerContainer> containers() {
        List<MessageListenerContainer> containers = LISTENER_IDS.stream()
                .map(listeners::getListenerContainer)
                .filter(Objects::nonNull)
                .toList();
        if (containers.isEmpty()) {
            log.warn("AI circuit breaker found no listener container {}", LISTENER_ID);
        }
        return containers;
    }

    private long openForMillis(CircuitTransition transition) {
        return Duration.between(openedAt, transition.at()).toMillis();
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    @Override
    public void destroy() {
        thread.shutdownNow();
    }
}
