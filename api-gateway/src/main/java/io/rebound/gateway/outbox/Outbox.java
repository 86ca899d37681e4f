package io.rebound.gateway.outbox;

import io.rebound.common.EventJson;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records an event to publish as part of the caller's transaction: the change and its event commit together or not at
 * all, and a Kafka outage never loses an accepted request. {@link OutboxRelay} publishes it after the commit.
 */
@Component
public class Outbox {

    private final OutboxRepository events;
    private final ApplicationEventPublisher publisher;
    private final TraceContext traces;

    Outbox(OutboxRepository events, ApplicationEventPublisher publisher, TraceContext traces) {
        this.events = events;
        this.publisher = publisher;
        this.traces = traces;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(UUID aggregateId, String topic, String key, Object event) {
        events.save(new OutboxEvent(aggregateId, topic, key, EventJson.writeString(event), traces.current()));
        publisher.publishEvent(new OutboxAppended());
    }

    /** Published inside the transaction; the relay reacts after commit. */
    record OutboxAppended() {}
}
