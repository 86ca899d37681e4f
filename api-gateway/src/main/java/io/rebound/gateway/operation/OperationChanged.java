package io.rebound.gateway.operation;

/**
 * Published inside the transaction that changed an operation, for listeners in the same transaction (the session
 * stores results as messages) and after commit (live updates).
 */
public record OperationChanged(Operation operation, boolean resultRecorded) {}
