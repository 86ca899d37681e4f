package io.rebound.worker.operation;

import io.rebound.common.OperationRequested;
import io.rebound.common.Topics;
import io.rebound.worker.BlockingRetryMode;
import org.springframework.context.annotation.Conditional;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * The blocking retry mode: runs one attempt on the consumer thread. A failure is thrown to the container's error
 * handler, which sleeps through the back-off, seeks back and delivers the record again, or dead-letters it.
 */
@Component
@Conditional(BlockingRetryMode.class)
class OperationListener {

    private final AttemptRunner attempts;

    OperationListener(AttemptRunner attempts) {
        this.attempts = attempts;
    }

    // idIsGroup = false: otherwise the listener id becomes the consumer group and spring.kafka.consumer.group-id
    // (REBOUND_WORKER_GROUP, default rebound-ai-worker) is silently ignored.
    @KafkaListener(
            id = "operation-worker",
            idIsGroup = false,
            topics = Topics.OPERATIONS_REQUESTED,
            concurrency = "${rebound.worker.concurrency:3}")
    void process(@Payload OperationRequested request, @Header(KafkaHeaders.DELIVERY_ATTEMPT) int attempt) {
        if (attempts.alreadyFinished(request)) {
            return;
        }
        if (attempts.expired(request)) {
            throw attempts.expiredFailure(request);
        }
        attempts.announce(request, attempt);
        String result = attempts.call(request, attempt);
        attempts.complete(request, attempt, result);
    }
}
