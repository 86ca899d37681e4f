package io.rebound.worker.retry;

import io.rebound.common.OperationRequested;

/**
 * A failed attempt of one operation, classified. The listener throws a {@link Transient} or a {@link Permanent} one;
 * the container's error handler retries only the first kind. Both carry the request and attempt so that the back-off
 * handler and the dead-letter recoverer can report on the operation without decoding the record again.
 */
public abstract sealed class AiCallFailure extends RuntimeException {

    private final transient OperationRequested request;
    private final int attempt;
    private final Classification classification;

    AiCallFailure(OperationRequested request, int attempt, Classification classification, Throwable cause) {
        super(classification.errorClass() + ": " + classification.message(), cause);
        this.request = request;
        this.attempt = attempt;
        this.classification = classification;
    }

    public static AiCallFailure of(
            OperationRequested request, int attempt, Classification classification, Throwable cause) {
        return classification.transientFailure()
                ? new Transient(request, attempt, classification, cause)
                : new Permanent(request, attempt, classification, cause);
    }

    public OperationRequested request() {
        return request;
    }

    public int attempt() {
        return attempt;
    }

    public Classification classification() {
        return classification;
    }

    /** Retried with back-off by the error handler. */
    public static final class Transient extends AiCallFailure {
        Transient(OperationRequested request, int attempt, Classification classification, Throwable cause) {
            super(request, attempt, classification, cause);
        }
    }

    /** Dead-lettered at once. */
    public static final class Permanent extends AiCallFailure {
        Permanent(OperationRequested request, int attempt, Classification classification, Throwable cause) {
            super(request, attempt, classification, cause);
        }
    }
}
