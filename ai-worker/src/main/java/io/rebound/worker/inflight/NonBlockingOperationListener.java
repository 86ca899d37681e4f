package io.rebound.worker.inflight;

import io.rebound.common.Topics;
import io.rebound.worker.NonBlockingRetryMode;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.annotation.Conditional;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The non-blocking retry mode's two listeners. Each returns at once with a future that completes when the record's
 * outcome is durable; spring-kafka then acknowledges it and commits offsets in order (out-of-order acknowledgements
 * are held until the offsets below them are done). spring-kafka fetches a consumer's next records only when every
 * record of its last poll is acknowledged, so each listener has a consumer per partition (by default): a slow call
 * holds back only its own partition's next fetch. Fresh records and retries have containers of their own, so a retry
 * waiting for its due time never delays a fresh record's fetch.
 */
@Component
@Conditional(NonBlockingRetryMode.class)
class NonBlockingOperationListener {

    static final String CONTAINER_FACTORY = "nonBlockingContainerFactory";

    private final OperationPipeline pipeline;

    NonBlockingOperationListener(OperationPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @KafkaListener(
            id = "operation-worker",
            idIsGroup = false,
            topics = Topics.OPERATIONS_REQUESTED,
            concurrency = "${rebound.worker.consumers:12}",
            containerFactory = CONTAINER_FACTORY)
    CompletableFuture<Void> requested(ConsumerRecord<String, byte[]> record) {
        return pipeline.accept(record);
    }

    // A group of its own: its consumers joining or leaving never rebalance the partitions of fresh records.
    @KafkaListener(
            id = "operation-retry",
            groupId = "${spring.kafka.consumer.group-id}-retry",
            topics = Topics.OPERATIONS_REQUESTED_RETRY,
            concurrency = "${rebound.worker.consumers:12}",
            containerFactory = CONTAINER_FACTORY)
    CompletableFuture<Void> retried(ConsumerRecord<String, byte[]> record) {
        return pipeline.accept(record);
    }
}
