package io.rebound.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * A state change of one worker's circuit breaker around the AI provider, published by the worker on
 * {@link Topics#WORKER_EVENTS} with the worker id as key. While the breaker is not closed the worker consumes no
 * operations: they stay {@code pending} until it closes (or the gateway's deadline fails them). See
 * {@code schemas/worker-circuit-changed.v1.schema.json}.
 *
 * @param eventId unique per event; consumers use it to drop duplicates
 * @param workerId the worker instance (its pod or host name unless configured)
 * @param failureRatio the share of failed AI calls in the breaker's window when it opened, 0 to 1; the same on every
 *     event of one open episode, including the one that closes it
 * @param calls the number of AI calls that ratio is over
 * @param reason why the state changed, for people: the ratio and threshold, or the probe's outcome
 * @param nextProbeAt while the breaker is open, when its next probe of the provider starts; null once closed. Optional
 *     on the wire (events of older workers lack it). A failed probe opens the breaker again and publishes a new
 *     {@code circuit_opened}, so an open breaker is announced again every probe interval and a consumer that starts
 *     late learns of it within one interval.
 */
public record WorkerCircuitChanged(
        int schemaVersion,
        UUID eventId,
        Event event,
        String workerId,
        double failureRatio,
        int calls,
        String reason,
        Instant occurredAt,
        Instant nextProbeAt) {

    public static final int SCHEMA_VERSION = 1;

    public static WorkerCircuitChanged of(
            Event event,
            String workerId,
            double failureRatio,
            int calls,
            String reason,
            Instant occurredAt,
            Instant nextProbeAt) {
        return new WorkerCircuitChanged(
                SCHEMA_VERSION,
                UUID.randomUUID(),
                event,
                workerId,
                failureRatio,
                calls,
                reason,
                occurredAt,
                nextProbeAt);
    }

    /** The state the breaker entered. */
    public enum Event {
        /** AI calls failed too often (or a probe failed): the worker paused consumption and probes the provider. */
        CIRCUIT_OPENED("circuit_opened"),
        /** A probe of the provider is running; consumption stays paused. */
        CIRCUIT_HALF_OPEN("circuit_half_open"),
        /** A probe reached the provider: the worker consumes again. */
        CIRCUIT_CLOSED("circuit_closed");

        private final String wireName;

        Event(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }

        @JsonCreator
        public static Event fromWireName(String name) {
            return Arrays.stream(values())
                    .filter(event -> event.wireName.equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown worker event '" + name + "'"));
        }
    }
}
