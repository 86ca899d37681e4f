package io.rebound.gateway.outbox;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An event written in the same transaction as the change it announces, waiting to be published to Kafka. */
@Entity
@Table(name = "outbox_events")
class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private UUID aggregateId;
    private String topic;
    private String messageKey;
    private String payload;
    private String traceParent;
    private Instant createdAt;
    private Instant publishedAt;

    protected OutboxEvent() {}

    OutboxEvent(UUID aggregateId, String topic, String messageKey, String payload, String traceParent) {
        this.aggregateId = aggregateId;
        this.topic = topic;
        this.messageKey = messageKey;
        this.payload = payload;
        this.traceParent = traceParent;
        this.createdAt = Instant.now();
    }

    Long getId() {
        return id;
    }

    String getTopic() {
        return topic;
    }

    String getMessageKey() {
        return messageKey;
    }

    String getPayload() {
        return payload;
    }

    String getTraceParent() {
        return traceParent;
    }
}
