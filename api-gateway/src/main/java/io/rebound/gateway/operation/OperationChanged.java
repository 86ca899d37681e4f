package io.rebound.gateway.operation;

import io.rebound.common.OperationStatus;

/**
 * Published inside the transaction that changed an operation, for listeners in the same transaction (the session
 * stores results as messages, the change log feeds live updates) and after commit (metrics).
 *
 * @param previousStatus the status before the change, or null for a new operation
 * @param resultRecorded true when this change stored the operation's result
 */
public record OperationChanged(Operation operation, OperationStatus previousStatus, boolean resultRecorded) {

    public boolean becameTerminal() {
        return operation.getStatus().isTerminal() && (previousStatus == null || !previousStatus.isTerminal());
    }
}
