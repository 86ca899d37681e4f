package io.rebound.gateway.deadletter;

import java.util.Arrays;

/** Where a dead letter stands: waiting for an SRE, redriven as a new operation, or discarded with a reason. */
public enum DeadLetterState {
    OPEN,
    REDRIVEN,
    DISCARDED;

    static DeadLetterState parse(String value) {
        return Arrays.stream(values())
                .filter(state -> state.name().equalsIgnoreCase(value.trim()))
                .findFirst()
                .orElseThrow(() -> new InvalidFilterException(
                        "unknown state '" + value + "'; use open, redriven, discarded or all"));
    }
}
