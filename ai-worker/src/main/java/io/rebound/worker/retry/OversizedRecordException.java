package io.rebound.worker.retry;

import io.rebound.common.kafka.DeadLetterHeaderNames;
import java.util.UUID;

/**
 * A record whose dead letter (or retry) is larger than its topic or the producer takes: it is dead-lettered as its
 * metadata plus the first {@link #EXCERPT_BYTES} of its value, and this says how large the value was and which
 * operation it was (the excerpt alone no longer shows it). The cause is the failure that sent it there, so the dead
 * letter keeps that failure's error code and attempts.
 */
public class OversizedRecordException extends RuntimeException {

    public static final int EXCERPT_BYTES = DeadLetterHeaderNames.EXCERPT_BYTES;

    private final int originalBytes;
    private final UUID operationId;

    /** @param operationId the operation the worker read from the record, or null if it could not be read */
    public OversizedRecordException(int originalBytes, UUID operationId, Throwable failure) {
        super(
                "the record (" + originalBytes + " bytes) is too large to forward whole; the dead letter keeps its"
                        + " first " + EXCERPT_BYTES + " bytes",
                failure);
        this.originalBytes = originalBytes;
        this.operationId = operationId;
    }

    public int originalBytes() {
        return originalBytes;
    }

    public UUID operationId() {
        return operationId;
    }
}
