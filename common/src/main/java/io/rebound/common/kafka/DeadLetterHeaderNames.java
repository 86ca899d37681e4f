package io.rebound.common.kafka;

/**
 * Headers Rebound writes on dead letters beside spring-kafka's {@code kafka_dlt-*}, read by the gateway's index and by
 * SRE tooling. The worker writes them on {@code operations.requested-dlt}, the gateway on
 * {@code operations.status-dlt}.
 */
public final class DeadLetterHeaderNames {

    /** A stable {@link io.rebound.common.ErrorCode} name the gateway turns into the user's message. */
    public static final String ERROR_CODE = "rebound_error_code";
    /** A readable reason for SREs. */
    public static final String REASON = "rebound_reason";

    public static final String ATTEMPTS = "rebound_attempts";
    /**
     * {@code true} when the worker classified the failure as transient (it retried until its attempts ran out),
     * {@code false} when it was permanent (a redrive will most likely fail the same way).
     */
    public static final String TRANSIENT = "rebound_transient";
    /** The class of the error behind the failure (e.g. the AI SDK's), which SREs group dead letters by. */
    public static final String EXCEPTION_CLASS = "rebound_exception_class";

    /**
     * The size in bytes of the record's value when the dead letter carries only an excerpt of it (the record with the
     * failure's headers was larger than the dead-letter topic or the producer takes). Empty on a whole dead letter.
     */
    public static final String ORIGINAL_SIZE = "rebound_original_size";

    /**
     * On an excerpt dead letter: the operation the worker read from the whole record, which the excerpt no longer
     * shows. Empty otherwise. The worker always writes this header and {@link #ORIGINAL_SIZE}, so that the copies a
     * producer of the original record may have put on it never reach the dead letter.
     */
    public static final String OPERATION_ID = "rebound_operation_id";

    /** An excerpt dead letter keeps this many bytes of the record's value. */
    public static final int EXCERPT_BYTES = 4096;

    private DeadLetterHeaderNames() {}
}
