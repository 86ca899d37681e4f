package io.rebound.bench.load;

import io.rebound.bench.stack.RetryMode;
import java.util.Locale;

/**
 * How P7's closed-loop load enters Rebound: people through the gateway (REST request, answer on the session's event
 * stream), or other services straight onto Kafka ({@code OperationRequested} on {@code operations.requested}, the
 * answer read from {@code operations.status}). The first measures the whole stack, the second what the workers
 * sustain when the gateway's CPU is not on the path.
 */
public enum Entry {
    KAFKA("kafka", "services on Kafka", "services"),
    GATEWAY("gateway", "users through the gateway", "users");

    private final String value;
    private final String label;
    private final String clients;

    Entry(String value, String label, String clients) {
        this.value = value;
        this.label = label;
        this.clients = clients;
    }

    /** What its closed-loop clients are called: {@code users} or {@code services}. */
    public String clients() {
        return clients;
    }

    /** The value in {@code BENCH_P7_ENTRIES}. */
    public String value() {
        return value;
    }

    public String label() {
        return label;
    }

    /** The prefix of P7's figures in this entry and mode: {@code p7.<mode>} through the gateway, {@code p7.kafka.<mode>}. */
    public String key(RetryMode mode) {
        return this == GATEWAY ? "p7." + mode.key() : "p7.kafka." + mode.key();
    }

    public static Entry parse(String text) {
        String normalized = text.trim().toLowerCase(Locale.ROOT);
        for (Entry entry : values()) {
            if (entry.value.equals(normalized)) {
                return entry;
            }
        }
        throw new IllegalArgumentException("unknown P7 entry '" + text + "': use kafka or gateway");
    }

    @Override
    public String toString() {
        return value;
    }
}
