package io.rebound.gateway.operation;

import java.time.Instant;
import java.util.UUID;

/** An operation as clients see it (snake_case on the wire). */
public record OperationView(
        UUID id,
        String operationType,
        String status,
        UUID sessionId,
        UUID messageId,
        UUID parentOperationId,
        int retryCount,
        int attemptCount,
        int maxAttempts,
        Instant nextRetryAt,
        String lastAttemptError,
        String errorCode,
        String errorMessage,
        String result,
        UUID retriedByOperationId,
        String source,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {

    public static OperationView of(Operation o, UUID retriedBy) {
        return new OperationView(
                o.getId(),
                o.getType().wireName(),
                o.getStatus().wireName(),
                o.getSessionId(),
                o.getMessageId(),
                o.getParentOperationId(),
                o.getRetryCount(),
                o.getAttemptCount(),
                o.getMaxAttempts(),
                o.getNextRetryAt(),
                o.getLastAttemptError(),
                o.getErrorCode(),
                o.getErrorMessage(),
                o.getResult(),
                retriedBy,
                o.getSource().wireName(),
                o.getCreatedAt(),
                o.getUpdatedAt(),
                o.getFinishedAt());
    }
}
