package io.rebound.worker.operation;

import io.rebound.common.OperationRequested;
import io.rebound.common.OperationStatusChanged;
import io.rebound.worker.WorkerProperties;
import io.rebound.worker.breaker.CircuitBreakerCoordinator;
import io.rebound.worker.finished.FinishedOperations;
import io.rebound.worker.management.ProviderCredentialHealth;
import io.rebound.worker.retry.AiCallFailure;
import io.rebound.worker.retry.Classification;
import io.rebound.worker.retry.FailureClassifier;
import io.rebound.worker.retry.OperationExpiredException;
import io.rebound.worker.retry.RetryMetrics;
import io.rebound.worker.status.StatusPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One attempt of an operation, in three steps that both retry modes share: announce {@code processing}, call the model
 * (a failure is classified, counted, fed to the circuit breaker and thrown as an {@link AiCallFailure}), publish
 * {@code completed}. Each step waits for the broker, so what it reports is durable when it returns.
 */
@Component
public class AttemptRunner {

    private static final Logger log = LoggerFactory.getLogger(AttemptRunner.class);

    private final AiClient ai;
    private final StatusPublisher status;
    private final FailureClassifier classifier;
    private final RetryMetrics metrics;
    private final CircuitBreakerCoordinator breaker;
    private final FinishedOperations finished;
    private final ProviderCredentialHealth credentials;
    private final Duration deadline;
    private final int maxAttempts;

    AttemptRunner(
            AiClient ai,
            StatusPublisher status,
            FailureClassifier classifier,
            RetryMetrics metrics,
            CircuitBreakerCoordinator breaker,
            FinishedOperations finished,
            ProviderCredentialHealth credentials,
            WorkerProperties properties) {
        this.ai = ai;
        this.status = status;
        this.classifier = classifier;
        this.metrics = metrics;
        this.breaker = breaker;
        this.finished = finished;
        this.credentials = credentials;
        this.deadline = properties.operationDeadline();
        this.maxAttempts = properties.retry().maxAttempts();
    }

    /**
     * True for a record of an operation that has already completed or been dead-lettered: delivered again after a
     * worker stopped between writing the outcome and committing the offset. It is skipped without an AI call.
     */
    public boolean alreadyFinished(OperationRequested request) {
        if (!finished.contains(request.operationId())) {
            return false;
        }
        metrics.skipped("finished");
        log.info(
                "operation already finished, record skipped operation_id={} operation_type={}",
                request.operationId(),
                request.operationType().wireName());
        return true;
    }

    /** True when the operation is past the gateway's deadline, so its watchdog has failed it with TIMED_OUT. */
    public boolean expired(OperationRequested request) {
        return request.requestedAt() != null
                && request.requestedAt().plus(deadline).isBefore(Instant.now());
    }

    public OperationExpiredException expiredFailure(OperationRequested request) {
        metrics.skipped("expired");
        return new OperationExpiredException(request, deadline, Instant.now());
    }

    /** Remembers a dead-lettered operation so that a redelivery of it is skipped. */
    public void finished(UUID operationId) {
        finished.add(operationId);
    }

    /** @throws StatusPublisher.StatusPublishException when the broker does not take the event */
    public void announce(OperationRequested request, int attempt) {
        status.publish(OperationStatusChanged.processing(request, attempt, maxAttempts));
    }

    /** The model's answer, or an {@link AiCallFailure} that says whether trying again may help. */
    public String call(OperationRequested request, int attempt) {
        String result;
        try {
            result = ai.generate(request);
        } catch (RuntimeException e) {
            Classification classification = classifier.classify(e);
            metrics.attempt(
                    classification.transientFailure() ? "transient_failure" : "permanent_failure",
                    classification.errorClass());
            breaker.recordFailure(classification);
            credentials.failed(classification);
            throw AiCallFailure.of(request, attempt, classification, e);
        }
        metrics.attempt("success", null);
        breaker.recordSuccess();
        credentials.succeeded();
        return result;
    }

    /** @throws StatusPublisher.StatusPublishException when the broker does not take the event */
    public void complete(OperationRequested request, int attempt, String result) {
        status.publish(OperationStatusChanged.completed(request, attempt, maxAttempts, result));
        finished.add(request.operationId());
        log.info(
                "operation completed operation_id={} operation_type={} attempt={}",
                request.operationId(),
                request.operationType().wireName(),
                attempt);
    }
}
