package io.rebound.worker.retry;

import io.rebound.common.ErrorCode;
import java.time.Duration;

/**
 * What a failed AI call means for retrying.
 *
 * @param transientFailure true when trying again later may succeed
 * @param httpStatus the provider's HTTP status, or null for connection failures and local errors
 * @param retryAfter how long the provider asked us to wait, or null
 * @param errorClass the simple class name of the underlying error, for logs, metrics and attempt rows
 * @param message the underlying error's message
 */
public record Classification(
        boolean transientFailure,
        ErrorCode errorCode,
        Integer httpStatus,
        Duration retryAfter,
        String errorClass,
        String message) {}
