package io.rebound.bench.load;

import java.util.UUID;

/**
 * One operation as a virtual user saw it.
 *
 * @param marked whether it was one of the operations a fault was aimed at
 * @param startNanos just before the POST was sent
 * @param acceptedNanos when the 202 arrived
 * @param doneNanos when the terminal status arrived on the event stream (or by polling after an SSE timeout)
 * @param status the terminal status, or {@code lost} if none came within the wait limit
 */
public record OperationSample(
        UUID id, boolean marked, long startNanos, long acceptedNanos, long doneNanos, String status) {

    public double latencyMs() {
        return (doneNanos - startNanos) / 1e6;
    }
}
