package io.rebound.worker.inflight;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Waiting work, taken round-robin across owners and first-in first-out within one owner: a user with a hundred records
 * waiting gets one slot, then every other user with work waiting gets one, and so on. Thread-safe.
 */
final class FairQueue<T> {

    // Insertion order is the ring: an owner served goes to the back.
    private final Map<String, ArrayDeque<T>> byOwner = new LinkedHashMap<>();
    private int size;

    synchronized void add(String owner, T item) {
        byOwner.computeIfAbsent(owner == null ? "" : owner, o -> new ArrayDeque<>())
                .addLast(item);
        size++;
    }

    /** The next item, or null when nothing waits. */
    synchronized T poll() {
        Iterator<Map.Entry<String, ArrayDeque<T>>> ring = byOwner.entrySet().iterator();
        if (!ring.hasNext()) {
            return null;
        }
        Map.Entry<String, ArrayDeque<T>> next = ring.next();
        ring.remove();
        T item = next.getValue().pollFirst();
        if (!next.getValue().isEmpty()) {
            byOwner.put(next.getKey(), next.getValue());
        }
        size--;
        return item;
    }

    synchronized int size() {
        return size;
    }

    synchronized void forEach(Consumer<T> action) {
        byOwner.values().forEach(items -> items.forEach(action));
    }
}
