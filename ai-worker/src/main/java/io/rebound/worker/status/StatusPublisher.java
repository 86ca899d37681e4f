package io.rebound.worker.status;

import io.rebound.common.OperationStatusChanged;
import io.rebound.common.Topics;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes status events and waits for the broker's acknowledgement, so a record's offset is committed only after
 * its outcome is durably on {@code operations.status}.
 */
@Component
public class StatusPublisher {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, Object> kafka;

    StatusPublisher(KafkaTemplate<String, Object> kafka) {
        this.kafka = kafka;
    }

    public void publish(OperationStatusChanged event) {
        try {
            kafka.send(Topics.OPERATIONS_STATUS, event.operationId().toString(), event)
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatusPublishException(event, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StatusPublishException(event, e);
        }
    }

    /** The broker did not take a status event; the record is retried like a transient AI failure. */
    public static class StatusPublishException extends RuntimeException {
        StatusPublishException(OperationStatusChanged event, Throwable cause) {
            super(
                    "could not publish status " + event.status().wireName() + " of operation " + event.operationId(),
                    cause);
        }
    }
}
