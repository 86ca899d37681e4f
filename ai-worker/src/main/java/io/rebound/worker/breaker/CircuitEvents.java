package io.rebound.worker.breaker;

import io.rebound.common.Topics;
import io.rebound.common.WorkerCircuitChanged;
import io.rebound.worker.WorkerProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the breaker's transitions on {@code worker.events}, keyed by this worker's id. Fire and forget: the breaker
 * must keep pausing and probing when Kafka is unreachable too, and the log line and the gauge still tell the story.
 */
@Component
class CircuitEvents {

    private static final Logger log = LoggerFactory.getLogger(CircuitEvents.class);

    private final KafkaTemplate<String, Object> kafka;
    private final String workerId;

    CircuitEvents(KafkaTemplate<String, Object> kafka, WorkerProperties properties) {
        this.kafka = kafka;
        this.workerId = properties.instanceId().isBlank() ? hostAndPid() : properties.instanceId();
    }

    String workerId() {
        return workerId;
    }

    /** {@code nextProbeAt}: when an open breaker probes next; null in the other states. */
    void publish(CircuitTransition transition, Instant nextProbeAt) {
        WorkerCircuitChanged event = WorkerCircuitChanged.of(
                transition.to().event(),
                workerId,
                transition.failureRatio(),
                transition.calls(),
                transition.reason(),
                transition.at(),
                transition.to() == CircuitState.OPEN ? nextProbeAt : null);
        try {
            kafka.send(Topics.WORKER_EVENTS, workerId, event).whenComplete((sent, failure) -> {
                if (failure != null) {
                    warn(event, failure);
                }
            });
        } catch (RuntimeException e) {
            warn(event, e);
        }
    }

    private static void warn(WorkerCircuitChanged event, Throwable failure) {
        log.warn("could not publish {} on {}: {}", event.event().wireName(), Topics.WORKER_EVENTS, failure.toString());
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "ai-worker";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
