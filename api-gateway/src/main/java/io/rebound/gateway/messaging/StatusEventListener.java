package io.rebound.gateway.messaging;

import io.rebound.common.OperationStatusChanged;
import io.rebound.common.Topics;
import io.rebound.gateway.DatabaseOutage;
import io.rebound.gateway.operation.OperationStatusUpdater;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Writes the worker's status events to the database; one consumer group for all gateways. */
@Component
class StatusEventListener {

    private final OperationStatusUpdater updater;

    StatusEventListener(OperationStatusUpdater updater) {
        this.updater = updater;
    }

    @KafkaListener(
            id = "gateway-status",
            topics = Topics.OPERATIONS_STATUS,
            groupId = "${rebound.gateway.consumer-group:rebound-gateway}",
            concurrency = "${rebound.gateway.listener-concurrency:2}",
            properties = {
                "value.deserializer=org.springframework.kafka.support.serializer.ErrorHandlingDeserializer",
                "spring.deserializer.value.delegate.class="
                        + "io.rebound.common.kafka.OperationStatusChangedDeserializer"
            })
    void onStatus(OperationStatusChanged event) {
        try {
            updater.apply(event);
        } catch (RuntimeException e) {
            // Retried without end while the database is away: the offset is committed only once the change is written.
            throw DatabaseOutage.retryable(e);
        }
    }
}
