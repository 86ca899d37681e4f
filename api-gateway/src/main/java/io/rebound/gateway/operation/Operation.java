package io.rebound.gateway.operation;

import io.rebound.common.ErrorCode;
import io.rebound.common.EventJson;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatus;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.OperationType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import tools.jackson.core.type.TypeReference;

/**
 * One AI operation and the rules of its life. Status only moves forward (pending, processing, then completed or
 * failed), so duplicate, replayed and out-of-order events are harmless. A failed operation is never retried in place:
 * {@link #retry} creates a new operation that points back to it.
 */
@Entity
@Table(name = "operations")
public class Operation {

    @Id
    private UUID id;

    @Column(name = "operation_type", nullable = false)
    @Enumerated(EnumType.STRING)
    private OperationType type;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private OperationStatus status;

    @Column(name = "params", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String paramsJson;

    private String result;
    private String errorCode;
    private String errorMessage;
    private String lastAttemptError;
    private Instant nextRetryAt;
    private Instant attemptStartedAt;
    private UUID parentOperationId;
    private int retryCount;
    private int attemptCount;
    /** The attempts the worker's retry policy allows, as its first status event says; null until then. */
    private Integer maxAttempts;

    private UUID sessionId;
    private UUID messageId;
    private UUID ownerId;
    private String requestedBy;

    @Enumerated(EnumType.STRING)
    private OperationSource source;

    private Instant deadlineAt;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant finishedAt;
    private String requestDigest;

    @Version
    private long version;

    protected Operation() {}

    private Operation(OperationRequested request, UUID ownerId, Duration deadline) {
        this.id = request.operationId();
        this.type = request.operationType();
        this.status = OperationStatus.PENDING;
        this.paramsJson = EventJson.writeString(request.parameters());
        this.parentOperationId = request.parentOperationId();
        this.retryCount = request.retryCount();
        this.sessionId = request.sessionId();
        this.messageId = request.messageId();
        this.ownerId = ownerId;
        this.requestedBy = request.requestedBy();
        this.source = request.source();
        this.createdAt = request.requestedAt() == null ? Instant.now() : request.requestedAt();
        this.updatedAt = Instant.now();
        this.deadlineAt = this.updatedAt.plus(deadline);
        this.requestDigest = RequestDigest.of(request);
    }

    /** A new pending operation, as asked for by {@code request}. */
    public static Operation requested(OperationRequested request, UUID ownerId, Duration deadline) {
        return new Operation(request, ownerId, deadline);
    }

    /**
     * An operation another service requested straight on Kafka, as the gateway first hears of it. Its source is
     * {@code external} whatever the event claims (only the gateway's own requests have rows before their events), and
     * it keeps only the session and message that {@code received}'s requester owns, given here. Later events must
     * carry the very request received.
     */
    public static Operation external(
            OperationRequested received, UUID sessionId, UUID messageId, UUID ownerId, Duration deadline) {
        OperationRequested known = new OperationRequested(
                received.schemaVersion(),
                received.operationId(),
                received.operationType(),
                received.parameters(),
                sessionId,
                sessionId == null ? null : messageId,
                null,
                received.retryCount(),
                received.requestedBy() == null ? "unknown" : received.requestedBy(),
                OperationSource.EXTERNAL,
                received.requestedAt());
        Operation operation = new Operation(known, ownerId, deadline);
        operation.requestDigest = RequestDigest.of(received);
        return operation;
    }

    /**
     * Whether {@code request} is the one this operation was created from (or a faithful copy of it), rather than
     * another request that reuses its id.
     */
    public boolean isRequestedAs(OperationRequested request) {
        return requestDigest == null || requestDigest.equals(RequestDigest.of(request));
    }

    /** The event that asks the worker to run this operation. */
    public OperationRequested toRequest() {
        return new OperationRequested(
                OperationRequested.SCHEMA_VERSION,
                id,
                type,
                params(),
                sessionId,
                messageId,
                parentOperationId,
                retryCount,
                requestedBy,
                source,
                createdAt);
    }

    /**
     * Applies a status event from the worker. Returns false when the event changes nothing: a duplicate, or an
     * event older than what is already known.
     */
    public boolean apply(OperationStatusChanged event) {
        if (event.status() == OperationStatus.PENDING) {
            return false;
        }
        return switch (event.event()) {
            case ATTEMPT_STARTED -> startAttempt(event);
            case ATTEMPT_FAILED -> failAttempt(event);
            case COMPLETED -> complete(event.result(), event.attempt());
            case FAILED -> fail(ErrorCode.INTERNAL_ERROR);
        };
    }

    private boolean startAttempt(OperationStatusChanged event) {
        if (status.isTerminal() || event.attempt() < attemptCount) {
            return countLateAttempt(event);
        }
        boolean changed = status != OperationStatus.PROCESSING || event.attempt() > attemptCount;
        status = OperationStatus.PROCESSING;
        attemptCount = event.attempt();
        maxAttempts = event.maxAttempts();
        nextRetryAt = null;
        attemptStartedAt = event.occurredAt();
        touch();
        return changed;
    }

    private boolean failAttempt(OperationStatusChanged event) {
        if (status.isTerminal() || event.attempt() < attemptCount) {
            return countLateAttempt(event);
        }
        status = OperationStatus.PROCESSING;
        attemptCount = event.attempt();
        maxAttempts = event.maxAttempts();
        lastAttemptError = event.errorMessage();
        nextRetryAt = event.nextRetryAt();
        attemptStartedAt = null;
        touch();
        return true;
    }

    /**
     * The dead letter and the last attempt's status travel on different topics, so a failed operation may hear of its
     * last attempt afterwards: count it, without reopening the operation.
     */
    private boolean countLateAttempt(OperationStatusChanged event) {
        if (status != OperationStatus.FAILED || event.attempt() <= attemptCount) {
            return false;
        }
        attemptCount = event.attempt();
        touch();
        return true;
    }

    /**
     * Records the result. A result that arrives after the watchdog gave up is kept, but the operation stays failed
     * so the person who saw "failed" keeps their Retry button.
     */
    public boolean complete(String result, int attempt) {
        if (status == OperationStatus.COMPLETED || (status == OperationStatus.FAILED && this.result != null)) {
            return false;
        }
        this.result = result;
        this.attemptCount = Math.max(attemptCount, attempt);
        this.nextRetryAt = null;
        if (status != OperationStatus.FAILED) {
            status = OperationStatus.COMPLETED;
            finishedAt = Instant.now();
        }
        touch();
        return true;
    }

    /**
     * Ends the operation as failed with a message the person can act on; a finished operation is left alone. The
     * message is the code's own: what the AI provider said, or why a dead letter was written, is for logs and the
     * dead-letter console, not for the person.
     */
    public boolean fail(ErrorCode code) {
        return fail(code, 0);
    }

    /**
     * As {@link #fail(ErrorCode)}, when the failure says how many attempts were made (a dead letter's
     * {@code rebound_attempts}): status events about them may still be on their way, and the text states the count.
     */
    public boolean fail(ErrorCode code, int attemptsMade) {
        if (status.isTerminal()) {
            return false;
        }
        attemptCount = Math.max(attemptCount, attemptsMade);
        status = OperationStatus.FAILED;
        errorCode = code.name();
        errorMessage = code.userMessage(type, attemptCount);
        nextRetryAt = null;
        finishedAt = Instant.now();
        touch();
        return true;
    }

    /**
     * A new operation that tries this failed one again: new id, same type, parameters and context, a pointer back
     * here and one more retry on the count.
     *
     * @throws OperationNotRetryableException unless this operation failed and the chain is below {@code maxChain}
     */
    public Operation retry(
            UUID requesterId, String requestedBy, OperationSource source, int maxChain, Duration deadline) {
        if (!isFailed()) {
            throw new OperationNotRetryableException(id, status);
        }
        if (retryCount + 1 > maxChain) {
            throw new OperationNotRetryableException(id, maxChain);
        }
        OperationRequested request = new OperationRequested(
                OperationRequested.SCHEMA_VERSION,
                UUID.randomUUID(),
                type,
                params(),
                sessionId,
                messageId,
                id,
                retryCount + 1,
                requestedBy,
                source,
                Instant.now());
        return new Operation(request, ownerId == null ? requesterId : ownerId, deadline);
    }

    private void touch() {
        updatedAt = Instant.now();
    }

    public Map<String, String> params() {
        return EventJson.mapper().readValue(paramsJson, new TypeReference<Map<String, String>>() {});
    }

    public UUID getId() {
        return id;
    }

    public OperationType getType() {
        return type;
    }

    /** Failed for good: the only state a retry or a redrive starts from. */
    public boolean isFailed() {
        return status == OperationStatus.FAILED;
    }

    public OperationStatus getStatus() {
        return status;
    }

    public String getResult() {
        return result;
    }

    public String getErrorCode() {
        return errorCode;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    public String getLastAttemptError() {
        return lastAttemptError;
    }

    /** When the attempt in progress started; null while none runs. */
    public Instant getAttemptStartedAt() {
        return attemptStartedAt;
    }

    /** True while the operation waits for the worker to take it: queued, or a failed attempt's retry is due. */
    public boolean isWaitingForWorker() {
        return status == OperationStatus.PENDING || (status == OperationStatus.PROCESSING && nextRetryAt != null);
    }

    public Instant getNextRetryAt() {
        return nextRetryAt;
    }

    public UUID getParentOperationId() {
        return parentOperationId;
    }

    public int getRetryCount() {
        return retryCount;
    }

    public int getAttemptCount() {
        return attemptCount;
    }

    public Integer getMaxAttempts() {
        return maxAttempts;
    }

    public UUID getSessionId() {
        return sessionId;
    }

    public UUID getMessageId() {
        return messageId;
    }

    public UUID getOwnerId() {
        return ownerId;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public OperationSource getSource() {
        return source;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}
