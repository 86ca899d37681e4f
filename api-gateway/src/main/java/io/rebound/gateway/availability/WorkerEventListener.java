package io.rebound.gateway.availability;

import io.rebound.common.EventJson;
import io.rebound.common.Topics;
import io.rebound.common.WorkerCircuitChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Follows the workers' circuit breakers on {@code worker.events}. Every gateway reads every event, in a consumer
 * group of its own, from the latest: what happened before it started is told again, since an open breaker announces
 * itself at every failed probe. A change of availability is published as {@link AiAvailabilityChanged} (the event
 * streams push the waiting operations again).
 */
@Component
class WorkerEventListener {

    private static final Logger log = LoggerFactory.getLogger(WorkerEventListener.class);

    private final AiAvailability availability;
    private final ApplicationEventPublisher events;

    WorkerEventListener(AiAvailability availability, ApplicationEventPublisher events) {
        this.availability = availability;
        this.events = events;
    }

    @KafkaListener(
            id = "gateway-availability",
            topics = Topics.WORKER_EVENTS,
            groupId = "#{'${rebound.availability.consumer-group-prefix:rebound-gateway-availability}-'"
                    + " + T(java.util.UUID).randomUUID()}",
            properties = "auto.offset.reset=latest")
    void onWorkerEvent(ConsumerRecord<String, byte[]> record) {
        WorkerCircuitChanged event;
        try {
            event = EventJson.read(record.value(), WorkerCircuitChanged.class);
        } catch (RuntimeException e) {
            // Only read for what users see; a record this gateway cannot read must not stop the ones behind it.
            log.warn(
                    "ignored an unreadable record on {} offset={}: {}",
                    Topics.WORKER_EVENTS,
                    record.offset(),
                    e.toString());
            return;
        }
        if (availability.apply(event)) {
            changed(event.workerId());
        }
    }

    @Scheduled(fixedDelayString = "${rebound.availability.expiry-check:15s}")
    void expire() {
        if (availability.expire()) {
            changed("(stale)");
        }
    }

    private void changed(String workerId) {
        AiAvailabilityChanged changed =
                new AiAvailabilityChanged(availability.unavailableSince().orElse(null));
        log.info(
                "AI {} worker_id={}",
                changed.unavailableSince() == null
                        ? "available again"
                        : "unavailable since " + changed.unavailableSince(),
                workerId);
        try {
            events.publishEvent(changed);
        } catch (RuntimeException e) {
            // The state is applied: REST answers carry it, and the streams carry it with the next change.
            log.warn("could not push the AI's availability to the event streams: {}", e.toString());
        }
    }
}
