package io.rebound.gateway.availability;

import io.rebound.common.WorkerCircuitChanged;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the AI service can be called now, as the workers' circuit breakers see it. A worker whose breaker is open or
 * probing holds every operation it would consume: the AI is unavailable from the earliest such worker's opening until
 * its breaker closes. An open breaker announces itself again at every failed probe; one not heard of for
 * {@code staleAfter} belonged to a worker that stopped, and no longer counts.
 */
public final class AiAvailability {

    private final Clock clock;
    private final AvailabilityProperties properties;
    private final Map<String, Held> held = new HashMap<>();

    public AiAvailability(Clock clock, AvailabilityProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    /** Applies one worker event; true when it changed whether (or since when) the AI is unavailable. */
    public synchronized boolean apply(WorkerCircuitChanged event) {
        Optional<Instant> before = unavailableSince();
        if (event.event() == WorkerCircuitChanged.Event.CIRCUIT_CLOSED) {
            held.remove(event.workerId());
        } else {
            Held previous = held.get(event.workerId());
            Instant since = previous == null ? event.occurredAt() : previous.since();
            held.put(event.workerId(), new Held(since, clock.instant()));
        }
        return !before.equals(unavailableSince());
    }

    /** Forgets workers not heard of for too long; true when that made the AI available again. */
    public synchronized boolean expire() {
        // What was last announced to the event streams: the stale entries still counted then.
        Optional<Instant> announced = held.values().stream().map(Held::since).min(Instant::compareTo);
        Instant oldest = clock.instant().minus(properties.staleAfter());
        held.values().removeIf(h -> h.lastHeard().isBefore(oldest));
        return !announced.equals(unavailableSince());
    }

    /** Since when the AI has been unavailable, or empty while it is available. */
    public synchronized Optional<Instant> unavailableSince() {
        Instant oldest = clock.instant().minus(properties.staleAfter());
        return held.values().stream()
                .filter(h -> !h.lastHeard().isBefore(oldest))
                .map(Held::since)
                .min(Instant::compareTo);
    }

    /** Why an operation in this state waits, or null when it does not wait on the AI's availability. */
    public WaitingReason.Waiting waitingOf(boolean queuedOrRetryDue, Instant waitingFrom) {
        if (!queuedOrRetryDue) {
            return null;
        }
        return unavailableSince()
                .map(since -> new WaitingReason.Waiting(
                        WaitingReason.AI_UNAVAILABLE, since.isAfter(waitingFrom) ? since : waitingFrom))
                .orElse(null);
    }

    private record Held(Instant since, Instant lastHeard) {}
}
