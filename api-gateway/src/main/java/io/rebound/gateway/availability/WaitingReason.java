package io.rebound.gateway.availability;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/** Why an operation that has not finished waits for something other than its own turn. */
public enum WaitingReason {
    /** The AI service is down (the workers' circuit breakers hold consumption); it starts when the service is back. */
    AI_UNAVAILABLE("ai_unavailable");

    private final String wireName;

    WaitingReason(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** A reason and since when the operation has waited for it. */
    public record Waiting(WaitingReason reason, Instant since) {}
}
