package io.rebound.gateway.availability;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.common.WorkerCircuitChanged;
import io.rebound.common.WorkerCircuitChanged.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AiAvailabilityTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final AiAvailability availability =
            new AiAvailability(clock, new AvailabilityProperties(Duration.ofMinutes(2), "test"));

    @Test
    void isAvailableUntilAWorkerSaysItsBreakerOpened() {
        assertThat(availability.unavailableSince()).isEmpty();
        assertThat(availability.waitingOf(true, T0)).isNull();

        assertThat(availability.apply(event(Event.CIRCUIT_OPENED, "w1", T0))).isTrue();

        assertThat(availability.unavailableSince()).contains(T0);
    }

    @Test
    void aQueuedOperationWaitsForTheAiSinceTheLaterOfItsCreationAndTheOpening() {
        availability.apply(event(Event.CIRCUIT_OPENED, "w1", T0));

        WaitingReason.Waiting createdBefore = availability.waitingOf(true, T0.minusSeconds(30));
        WaitingReason.Waiting createdAfter = availability.waitingOf(true, T0.plusSeconds(10));

        assertThat(createdBefore.reason()).isEqualTo(WaitingReason.AI_UNAVAILABLE);
        assertThat(createdBefore.since()).isEqualTo(T0);
        assertThat(createdAfter.since()).isEqualTo(T0.plusSeconds(10));
        assertThat(availability.waitingOf(false, T0))
                .as("an attempt in progress does not wait")
                .isNull();
    }

    @Test
    void probingAndReopeningKeepTheFirstOpeningAndClosingMakesItAvailable() {
        availability.apply(event(Event.CIRCUIT_OPENED, "w1", T0));

        assertThat(availability.apply(event(Event.CIRCUIT_HALF_OPEN, "w1", T0.plusSeconds(5))))
                .isFalse();
        assertThat(availability.apply(event(Event.CIRCUIT_OPENED, "w1", T0.plusSeconds(6))))
                .isFalse();
        assertThat(availability.unavailableSince()).contains(T0);

        assertThat(availability.apply(event(Event.CIRCUIT_CLOSED, "w1", T0.plusSeconds(11))))
                .isTrue();
        assertThat(availability.unavailableSince()).isEmpty();
        assertThat(availability.waitingOf(true, T0)).isNull();
    }

    @Test
    void staysUnavailableWhileAnyWorkerHoldsAndSinceTheEarliestOpening() {
        availability.apply(event(Event.CIRCUIT_OPENED, "w2", T0.plusSeconds(3)));
        availability.apply(event(Event.CIRCUIT_OPENED, "w1", T0));

        availability.apply(event(Event.CIRCUIT_CLOSED, "w1", T0.plusSeconds(8)));

        assertThat(availability.unavailableSince()).contains(T0.plusSeconds(3));
    }

    @Test
    void forgetsABreakerNotAnnouncedAgainForTooLongAsItsWorkerStopped() {
        availability.apply(event(Event.CIRCUIT_OPENED, "w1", T0));
        clock.advance(Duration.ofSeconds(90));
        availability.apply(event(Event.CIRCUIT_OPENED, "w1", T0.plusSeconds(90)));
        clock.advance(Duration.ofSeconds(90));

        assertThat(availability.unavailableSince())
                .as("announced again 90 s ago")
                .contains(T0);

        clock.advance(Duration.ofSeconds(31));

        assertThat(availability.unavailableSince()).isEmpty();
        assertThat(availability.expire()).isTrue();
        assertThat(availability.expire()).isFalse();
    }

    @Test
    void aClosedEventOfAnUnknownWorkerChangesNothing() {
        assertThat(availability.apply(event(Event.CIRCUIT_CLOSED, "w9", T0))).isFalse();
        assertThat(availability.unavailableSince()).isEmpty();
    }

    private static WorkerCircuitChanged event(Event event, String workerId, Instant at) {
        return WorkerCircuitChanged.of(
                event, workerId, 0.8, 10, "test", at, event == Event.CIRCUIT_OPENED ? at.plusSeconds(5) : null);
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
