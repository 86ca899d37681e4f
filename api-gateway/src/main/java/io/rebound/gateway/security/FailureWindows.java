package io.rebound.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recent failures per key in a sliding window: a key with {@code max} failures within {@code window} is blocked until
 * the oldest of them leaves it. Each key keeps at most {@code max} instants and the map at most {@code maxKeys} keys,
 * so a flood of made-up account names costs bounded memory; past that bound new keys go uncounted until expired ones
 * are swept (the per-address window still counts their failures).
 */
final class FailureWindows {

    private final int max;
    private final Duration window;
    private final int maxKeys;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    FailureWindows(int max, Duration window, int maxKeys) {
        this.max = max;
        this.window = window;
        this.maxKeys = maxKeys;
    }

    /** How long {@code key} stays blocked, or empty if it may try now. */
    Optional<Duration> blockedFor(String key, Instant now) {
        Duration[] blocked = {null};
        // Every access to a key's deque runs inside the map's per-key lock (compute*), so the deques need no other.
        failures.computeIfPresent(key, (k, recent) -> {
            prune(recent, now);
            if (recent.size() >= max) {
                blocked[0] = Duration.between(now, recent.peekFirst().plus(window));
            }
            return recent.isEmpty() ? null : recent;
        });
        return Optional.ofNullable(blocked[0]);
    }

    void failed(String key, Instant now) {
        if (!failures.containsKey(key) && failures.size() >= maxKeys) {
            sweep(now);
            if (failures.size() >= maxKeys) {
                return;
            }
        }
        failures.compute(key, (k, recent) -> {
            Deque<Instant> kept = recent == null ? new ArrayDeque<>(max) : recent;
            prune(kept, now);
            if (kept.size() >= max) {
                kept.pollFirst();
            }
            kept.addLast(now);
            return kept;
        });
    }

    void forget(String key) {
        failures.remove(key);
    }

    void forgetAll() {
        failures.clear();
    }

    /** Drops every key whose failures have all left the window. */
    void sweep(Instant now) {
        for (String key : failures.keySet()) {
            failures.computeIfPresent(key, (k, recent) -> {
                prune(recent, now);
                return recent.isEmpty() ? null : recent;
            });
        }
    }

    private void prune(Deque<Instant> recent, Instant now) {
        Instant cutoff = now.minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
            recent.pollFirst();
        }
    }
}
