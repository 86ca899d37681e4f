package io.rebound.common;

/** Kafka topic names. They are part of the public contract: other services produce and consume them. */
public final class Topics {

    /** Key: operation id. Value: {@link OperationRequested}. */
    public static final String OPERATIONS_REQUESTED = "operations.requested";

    /** The dead-letter topic of {@link #OPERATIONS_REQUESTED}, spring-kafka's default {@code -dlt} suffix. */
    public static final String OPERATIONS_REQUESTED_DLT = OPERATIONS_REQUESTED + "-dlt";

    /**
     * Where a failed attempt of an {@link OperationRequested} waits for its next try in the worker's non-blocking retry
     * mode: the original value, key and partition, with headers saying which attempt is next and when it is due. Written
     * and read by the worker only.
     */
    public static final String OPERATIONS_REQUESTED_RETRY = OPERATIONS_REQUESTED + "-retry";

    /** Key: operation id. Value: {@link OperationStatusChanged}. */
    public static final String OPERATIONS_STATUS = "operations.status";

    /**
     * The dead-letter topic of {@link #OPERATIONS_STATUS}: status events the gateway could not apply (not readable, or
     * not about the operation their id names), with the reason in {@code rebound_reason}. The gateway indexes them.
     */
    public static final String OPERATIONS_STATUS_DLT = OPERATIONS_STATUS + "-dlt";

    /**
     * Key: worker instance id. Value: {@link WorkerCircuitChanged}. Events about a worker rather than an operation, so
     * that consumers of {@link #OPERATIONS_STATUS} only ever see operation events.
     */
    public static final String WORKER_EVENTS = "worker.events";

    private Topics() {}
}
