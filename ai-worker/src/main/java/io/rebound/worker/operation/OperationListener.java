package io.rebound.worker.operation;

import io.rebound.common.OperationRequested;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.Topics;
import io.rebound.worker.WorkerProperties;
import io.rebound.worker.breaker.CircuitBreakerCoordinator;
import io.rebound.worker.retry.AiCallFailure;
import io.rebound.worker.retry.Classification;
import io.rebound.worker.retry.FailureClassifier;
import io.rebound.worker.retry.RetryMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Runs one attempt of an operation: announces {@code processing}, calls the model and publishes {@code completed}. A
 * failure is classified and thrown to the container's error handler, which owns every retry. Each call's outcome also
 * feeds the circuit breaker, which pauses this listener while the provider is down.
 */
@Component
class OperationListener {

    private static final Logger log = LoggerFactory.getLogger(OperationListener.class);

    private final AiClient ai;
    private final StatusPublisher status;
    private final FailureClassifier classifier;
    private final RetryMetrics metrics;
    private final CircuitBreakerCoordinator breaker;
    private final int maxAttempts;

    OperationListener(
            AiClient ai,
            StatusPublisher status,
            FailureClassifier classifier,
            RetryMetrics metrics,
            CircuitBreakerCoordinator breaker,
            WorkerProperties properties) {
        this.ai = ai;
        this.status = status;
        this.classifier = classifier;
        this.metrics = metrics;
        this.breaker = breaker;
        this.maxAttempts = properties.retry().maxAttempts();
    }

    // idIsGroup = false: otherwise the listener id becomes the consumer group and spring.kafka.consumer.group-id
    // (REBOUND_WORKER_GROUP, default rebound-ai-worker) is silently ignored.
    @KafkaListener(
            id = "operation-worker",
            idIsGroup = false,
            topics = Topics.OPERATIONS_REQUESTED,
            concurrency = "${rebound.worker.concurrency:3}")
    void process(@Payload OperationRequested request, @Header(KafkaHeaders.DELIVERY_ATTEMPT) int attempt) {
        status.publish(OperationStatusChanged.processing(request, attempt, maxAttempts));
        String result;
        try {
            result = ai.generate(request);
        } catch (RuntimeException e) {
            Classification classification = classifier.classify(e);
            metrics.attempt(
                    classification.transientFailure() ? "transient_failure" : "permanent_failure",
                    classification.errorClass());
            breaker.recordFailure(classification);
            throw AiCallFailure.of(request, attempt, classification, e);
        }
        metrics.attempt("success", null);
        breaker.recordSuccess();
        status.publish(OperationStatusChanged.completed(request, attempt, maxAttempts, result));
        log.info(
                "operation completed operation_id={} operation_type={} attempt={}",
                request.operationId(),
                request.operationType().wireName(),
                attempt);
    }
}
