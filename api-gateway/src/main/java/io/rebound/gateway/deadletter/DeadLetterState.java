package io.rebound.gateway.deadletter;

import java.util.Arrays;

/**
 * Where a dead letter stands: waiting for an SRE, redriven as a new operation, discarded with a reason, or resolved by
 * a later operation of its retry chain that completed (the user's own Retry), which leaves an SRE nothing to do.
 */
public enum DeadLetterState {
    OPEN,
    REDRIVEN,
    DISCARDED,
    RESOLVED;

    static DeadLetterState parse(String value) {
        return Arrays.stream(values())
                .filter(state -> state.name().equalsIgnoreCase(value.trim()))
                .findFirst()
                .orElseThrow(() -> new InvalidFilterException(
                        "unknown state '" + value + "'; use open, redriven, discarded, resolved or all"));
    }
}
