package io.rebound.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Lifecycle of an operation. The order of the constants is the order a status may move in. */
public enum OperationStatus {
    PENDING,
    PROCESSING,
    COMPLETED,
    FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }

    @JsonCreator
    public static OperationStatus fromWireName(String name) {
        return Arrays.stream(values())
                .filter(status -> status.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown status '" + name + "'"));
    }
}
