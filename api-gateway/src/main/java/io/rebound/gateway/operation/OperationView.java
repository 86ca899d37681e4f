package io.rebound.gateway.operation;

import io.rebound.common.ErrorCode;
import io.rebound.common.NextAction;
import io.rebound.common.OperationStatus;
import io.rebound.gateway.availability.AiAvailability;
import io.rebound.gateway.availability.WaitingReason;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * An operation as clients see it (snake_case on the wire). Once failed, {@code next_action} says what helps and
 * {@code contact_support} whether the text asks for the operation id.
 *
 * @param maxAttempts how many attempts the worker's retry policy allows (its {@code REBOUND_RETRY_MAX_RETRIES} + 1), as
 *     the worker reports it; null until a worker has taken the operation
 * @param attemptStartedAt when the AI call in progress started; null while none runs
 * @param waitingReason why an operation that waits for the worker cannot start now (the AI service is down), or null
 * @param waitingSince since when it has waited for that reason; null without a reason
 */
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
        @Schema(nullable = true) Integer maxAttempts,
        @Schema(nullable = true) Instant nextRetryAt,
        @Schema(nullable = true) Instant attemptStartedAt,
        @Schema(nullable = true) WaitingReason waitingReason,
        @Schema(nullable = true) Instant waitingSince,
        @Schema(nullable = true) String lastAttemptError,
        @Schema(nullable = true) String errorCode,
        @Schema(nullable = true) String errorMessage,
        @Schema(nullable = true) NextAction nextAction,
        boolean contactSupport,
        @Schema(nullable = true) String result,
        @Schema(nullable = true) UUID retriedByOperationId,
        String source,
        Instant createdAt,
        Instant updatedAt,
        @Schema(nullable = true) Instant finishedAt) {

    /**
     * The error message is written from the code, the type and the attempts each time, so stored rows read as the
     * current texts do and nothing the AI provider said reaches the person.
     */
    public static OperationView of(Operation o, UUID retriedBy, AiAvailability availability) {
        Instant waitingFrom = o.getStatus() == OperationStatus.PENDING ? o.getCreatedAt() : o.getUpdatedAt();
        WaitingReason.Waiting waiting = availability.waitingOf(o.isWaitingForWorker(), waitingFrom);
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
                o.getAttemptStartedAt(),
                waiting == null ? null : waiting.reason(),
                waiting == null ? null : waiting.since(),
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
