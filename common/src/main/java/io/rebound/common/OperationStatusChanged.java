package io.rebound.common;

import java.time.Instant;
import java.util.UUID;

/**
 * A status change of one operation, published by the worker on {@link Topics#OPERATIONS_STATUS} with the operation id
 * as key. It carries the request it belongs to so that a consumer can register operations it has never seen (those
 * that other services requested directly on Kafka). See {@code schemas/operation-status-changed.v1.schema.json}.
 *
 * @param eventId unique per event; consumers use it to drop duplicates
 * @param attempt 1 for the first try, up to {@code maxAttempts}
 * @param nextRetryAt when the next automatic attempt starts, set on a failed attempt that will be retried
 * @param errorClass the technical cause of a failed attempt, e.g. {@code InternalServerException}
 * @param httpStatus the AI provider's HTTP status of a failed attempt, or null
 * @param errorMessage the technical error of a failed attempt (not shown to users as is)
 * @param result the generated question or feedback, on {@code completed}
 */
public record OperationStatusChanged(
        int schemaVersion,
        UUID eventId,
        OperationRequested request,
        OperationStatus status,
        int attempt,
        int maxAttempts,
        Instant nextRetryAt,
        String errorClass,
        Integer httpStatus,
        String errorMessage,
        String result,
        Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;

    public UUID operationId() {
        return request.operationId();
    }

    public static OperationStatusChanged processing(OperationRequested request, int attempt, int maxAttempts) {
        return new OperationStatusChanged(
                SCHEMA_VERSION,
                UUID.randomUUID(),
                request,
                OperationStatus.PROCESSING,
                attempt,
                maxAttempts,
                null,
                null,
                null,
                null,
                null,
                Instant.now());
    }

    public static OperationStatusChanged completed(
            OperationRequested request, int attempt, int maxAttempts, String result) {
        return new OperationStatusChanged(
                SCHEMA_VERSION,
                UUID.randomUUID(),
                request,
                OperationStatus.COMPLETED,
                attempt,
                maxAttempts,
                null,
                null,
                null,
                null,
                result,
                Instant.now());
    }

    /** A failed attempt that will be retried at {@code nextRetryAt}: the operation is still processing. */
    public static OperationStatusChanged attemptFailed(
            OperationRequested request,
            int attempt,
            int maxAttempts,
            Instant nextRetryAt,
            String errorClass,
            Integer httpStatus,
            String errorMessage) {
        return new OperationStatusChanged(
                SCHEMA_VERSION,
                UUID.randomUUID(),
                request,
                OperationStatus.PROCESSING,
                attempt,
                maxAttempts,
                nextRetryAt,
                errorClass,
                httpStatus,
                errorMessage,
                null,
                Instant.now());
    }
}
