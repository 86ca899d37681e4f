package io.rebound.bench.stack;

import java.util.Locale;

/**
 * The worker's concurrency model, set with {@code REBOUND_RETRY_MODE}: {@code blocking} runs one AI call per consumer
 * thread and sleeps the back-off on that thread; {@code non-blocking} (the worker's default) runs AI calls
 * concurrently up to {@code REBOUND_WORKER_MAX_IN_FLIGHT} and parks failed attempts on a retry topic.
 */
public enum RetryMode {
    BLOCKING("blocking", "blocking"),
    NON_BLOCKING("non-blocking", "nonblocking");

    private final String value;
    private final String key;

    RetryMode(String value, String key) {
        this.value = value;
        this.key = key;
    }

    /** The value of {@code REBOUND_RETRY_MODE}, also how the report names the mode. */
    public String value() {
        return value;
    }

    /** The mode as part of a metric name ({@code p3.nonblocking.c3...}). */
    public String key() {
        return key;
    }

    public static RetryMode parse(String text) {
        String normalized = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (RetryMode mode : values()) {
            if (mode.value.equals(normalized) || mode.key.equals(normalized)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown retry mode '" + text + "': use blocking or non-blocking");
    }

    /** The mode named by a metric-name part, or null. */
    public static RetryMode ofKey(String key) {
        for (RetryMode mode : values()) {
            if (mode.key.equals(key)) {
                return mode;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
