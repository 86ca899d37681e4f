package io.rebound.gateway.operation;

import io.rebound.common.ErrorCode;
import io.rebound.common.NextAction;
import java.time.Instant;
import java.util.UUID;

/**
 * An operation as clients see it (snake_case on the wire). Once failed, {@code next_action} says what helps and
 * {@code contact_support} whether the text asks for the operation id.
 */
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
        NextAction nextAction,
        boolean contactSupport,
        String result,
        UUID retriedByOperationId,
        String source,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {

    /**
     * The error message is written from the code, the type and the attempts each time, so stored rows read as the
     * current texts do and nothing the AI provider said reaches the person.
     */
    public static OperationView of(Operation o, UUID retriedBy) {
        ErrorCode code = o.getErrorCode() == null ? null : ErrorCode.parse(o.getErrorCode());
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
                code == null ? null : code.userMessage(o.getType(), o.getAttemptCount()),
                code == null ? null : code.nextAction(),
                code != null && code.contactSupport(),
                o.getResult(),
                retriedBy,
                o.getSource().wireName(),
                o.getCreatedAt(),
                o.getUpdatedAt(),
                o.getFinishedAt());
    }
}
