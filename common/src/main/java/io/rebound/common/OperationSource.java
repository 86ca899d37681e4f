package io.rebound.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Where an operation came from. */
public enum OperationSource {
    /** Requested through the REST API. */
    API,
    /** A person pressed Retry on a failed operation. */
    MANUAL,
    /** An SRE redrove a dead letter. */
    REDRIVE,
    /** Another service wrote the request straight onto the topic. */
    EXTERNAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static OperationSource fromWireName(String name) {
        return Arrays.stream(values())
                .filter(source -> source.wireName().equals(name))
                .findFirst()
                .orElse(EXTERNAL);
    }
}
