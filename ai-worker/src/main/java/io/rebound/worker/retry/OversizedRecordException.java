package io.rebound.worker.retry;

/**
 * A record whose dead letter (or retry) is larger than its topic or the producer takes: it is dead-lettered as its
 * metadata plus the first {@link #EXCERPT_BYTES} of its value, and this says how large the value was. The cause is the
 * failure that sent it there, so the dead letter keeps that failure's error code and attempts.
 */
public class OversizedRecordException extends RuntimeException {

    public static final int EXCERPT_BYTES = 4096;

    private final int originalBytes;

    public OversizedRecordException(int originalBytes, Throwable failure) {
        super(
                "the record (" + originalBytes + " bytes) is too large to forward whole; the dead letter keeps its"
                        + " first " + EXCERPT_BYTES + " bytes",
                failure);
        this.originalBytes = originalBytes;
    }

    public int originalBytes() {
        return originalBytes;
    }
}
