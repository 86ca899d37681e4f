package io.rebound.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A status change of one operation, published by the worker on {@link Topics#OPERATIONS_STATUS} with the operation id
 * as key. It carries the request it belongs to so that a consumer can register operations it has never seen (those
 * that other services requested directly on Kafka). See {@code schemas/operation-status-changed.v1.schema.json}.
 *
 * @param eventId unique per event; consumers use it to drop duplicates
 * @param event what happened; absent from the events of the first workers, read through {@link #event()}
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
        @JsonProperty("event") StatusEvent declaredEvent,
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

    /**
     * What happened: the event the producer declared, or for a producer that declared none (or one this reader does
     * not know) what its status and error class say.
     */
    public StatusEvent event() {
        if (declaredEvent != null) {
            return declaredEvent;
        }
        return switch (status) {
            case PENDING, PROCESSING -> errorClass == null ? StatusEvent.ATTEMPT_STARTED : StatusEvent.ATTEMPT_FAILED;
            case COMPLETED -> StatusEvent.COMPLETED;
            case FAILED -> StatusEvent.FAILED;
        };
    }

    public static OperationStatusChanged processing(OperationRequested request, int attempt, int maxAttempts) {
        return new OperationStatusChanged(
                SCHEMA_VERSION,
                UUID.randomUUID(),
                request,
                OperationStatus.PROCESSING,
                StatusEvent.ATTEMPT_STARTED,
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
                StatusEvent.COMPLETED,
                attempt,
                maxAttempts,
                null,
                null,
                null,
                null,
                result,
                Instant.now());
    }

    /**
     * A failed attempt that will be retried at {@code nextRetryAt}: the operation is still processing (the status v1
     * readers go by), and the event says the attempt failed.
     */
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
                StatusEvent.ATTEMPT_FAILED,
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
