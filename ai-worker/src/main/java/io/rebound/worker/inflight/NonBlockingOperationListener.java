package io.rebound.worker.inflight;

import io.rebound.common.Topics;
import io.rebound.worker.NonBlockingRetryMode;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * The non-blocking retry mode's two listeners. Each hands its record to the {@link OperationPipeline} and returns at
 * once; the {@link FetchWindow} acknowledges the record when its outcome is durable and commits each partition's
 * offsets in order, and stops a listener's fetching only when it holds as many unsettled records as it may. Fresh
 * records and retries have containers of their own, so retries waiting for their due time never take the room of
 * fresh records.
 */
@Component
@Conditional(NonBlockingRetryMode.class)
class NonBlockingOperationListener {

    private static final Logger log = LoggerFactory.getLogger(NonBlockingOperationListener.class);

    static final String CONTAINER_FACTORY = "nonBlockingContainerFactory";
    static final String FRESH = "operation-worker";
    static final String RETRIES = "operation-retry";
    static final List<String> LISTENER_IDS = List.of(FRESH, RETRIES);

    private final OperationPipeline pipeline;
    private final FetchWindow window;

    NonBlockingOperationListener(OperationPipeline pipeline, FetchWindow window) {
        this.pipeline = pipeline;
        this.window = window;
    }

    @KafkaListener(
            id = FRESH,
            idIsGroup = false,
            topics = Topics.OPERATIONS_REQUESTED,
            concurrency = "${rebound.worker.consumers:2}",
            containerFactory = CONTAINER_FACTORY)
    void requested(ConsumerRecord<String, byte[]> record, Acknowledgment ack) {
        accept(FRESH, record, ack);
    }

    // A group of its own: its consumers joining or leaving never rebalance the partitions of fresh records.
    @KafkaListener(
            id = RETRIES,
            groupId = "${spring.kafka.consumer.group-id}-retry",
            topics = Topics.OPERATIONS_REQUESTED_RETRY,
            concurrency = "${rebound.worker.consumers:2}",
            containerFactory = CONTAINER_FACTORY)
    void retried(ConsumerRecord<String, byte[]> record, Acknowledgment ack) {
        accept(RETRIES, record, ack);
    }

    private void accept(String listenerId, ConsumerRecord<String, byte[]> record, Acknowledgment ack) {
        FetchWindow.Held held = window.hold(listenerId, record, ack);
        pipeline.accept(record).whenComplete((ignored, failure) -> {
            if (failure == null) {
                held.settle();
            } else {
                // Never expected (outcomes are written until they succeed); unsettled, the record is read again.
                log.error(
                        "outcome of topic={} partition={} offset={} not durable; its offset stays uncommitted",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        failure);
            }
        });
    }
}
