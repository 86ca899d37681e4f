package io.rebound.gateway.operation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** An operation as clients see it (snake_case on the wire). */
@Schema(name = "Operation")
public record OperationView(
        UUID id,
        String operationType,
        String status,
        @Schema(nullable = true) UUID sessionId,
        @Schema(nullable = true) UUID messageId,
        @Schema(nullable = true) UUID parentOperationId,
        int retryCount,
        int attemptCount,
        int maxAttempts,
        @Schema(nullable = true) Instant nextRetryAt,
        @Schema(nullable = true) String lastAttemptError,
        @Schema(nullable = true) String errorCode,
        @Schema(nullable = true) String errorMessage,
        @Schema(nullable = true) String result,
        @Schema(nullable = true) UUID retriedByOperationId,
        String source,
        Instant createdAt,
        Instant updatedAt,
        @Schema(nullable = true) Instant finishedAt) {

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
