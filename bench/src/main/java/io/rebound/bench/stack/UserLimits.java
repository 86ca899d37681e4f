package io.rebound.bench.stack;

import java.util.Map;

/**
 * The gateway's per-user limits on AI work (50 open, 120 per minute by default) and on open event streams (10 by
 * default) for a harness's load. The harnesses
 * drive the stack with a few accounts standing for many users, so they set limits above their load, explicitly and
 * named in their reports; the same variables in the environment override them.
 */
public record UserLimits(int maxOpenOperations, int maxOperationsPerMinute, int maxStreams) {

    public static final String MAX_OPEN = "REBOUND_USER_MAX_OPEN_OPERATIONS";
    public static final String PER_MINUTE = "REBOUND_USER_MAX_OPERATIONS_PER_MINUTE";
    public static final String STREAMS = "REBOUND_LIVE_MAX_STREAMS_PER_USER";

    /** {@code maxOpen}, {@code perMinute} and {@code streams} unless the environment sets the variables. */
    public static UserLimits forLoad(int maxOpen, int perMinute, int streams) {
        return new UserLimits(fromEnv(MAX_OPEN, maxOpen), fromEnv(PER_MINUTE, perMinute), fromEnv(STREAMS, streams));
    }

    public void applyTo(Map<String, String> env) {
        env.put(MAX_OPEN, Integer.toString(maxOpenOperations));
        env.put(PER_MINUTE, Integer.toString(maxOperationsPerMinute));
        env.put(STREAMS, Integer.toString(maxStreams));
    }

    /** As the reports show it. */
    public String describe() {
        return "`" + MAX_OPEN + "=" + maxOpenOperations + "`, `" + PER_MINUTE + "=" + maxOperationsPerMinute
                + "` (and event streams per account `" + STREAMS + "=" + maxStreams + "`)";
    }

    private static int fromEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
