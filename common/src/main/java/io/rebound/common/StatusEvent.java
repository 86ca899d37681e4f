package io.rebound.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What happened to an operation, as an {@link OperationStatusChanged} says it in its {@code event} field. The first
 * workers did not write the field: their events say it through status and error class (processing without an error
 * class is a started attempt, with one a failed attempt), which {@link OperationStatusChanged#event()} still reads.
 */
public enum StatusEvent {
    ATTEMPT_STARTED,
    ATTEMPT_FAILED,
    COMPLETED,
    FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    /** Null for a name this reader does not know (a newer producer's): the event is then read from its status. */
    @JsonCreator
    public static StatusEvent fromWireName(String name) {
        for (StatusEvent event : values()) {
            if (event.wireName().equals(name)) {
                return event;
            }
        }
        return null;
    }
}
