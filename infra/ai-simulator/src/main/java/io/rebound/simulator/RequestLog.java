package io.rebound.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts completion requests. Synchronized: requests are served concurrently and totals must stay exact. */
final class RequestLog {

    static final int RECENT_LIMIT = 200;
    private static final int EXCERPT_LENGTH = 120;

    /**
     * A request recorded on arrival and completed once answered. Recording on arrival keeps {@code recent} in arrival
     * order even when a delayed request finishes after a later one.
     */
    static final class Entry {
        private final Instant at;
        private volatile String kind = "invalid";
        private volatile Integer status;
        private volatile String promptExcerpt = "";

        private Entry(Instant at) {
            this.at = at;
        }

        void describe(String kind, String prompt) {
            this.kind = kind;
            this.promptExcerpt = prompt.length() <= EXCERPT_LENGTH ? prompt : prompt.substring(0, EXCERPT_LENGTH);
        }

        void answered(int status) {
            this.status = status;
        }

        private RequestStats.Request toRequest() {
            return new RequestStats.Request(at, kind, status, promptExcerpt);
        }
    }

    private long total;
    private final Map<String, Long> byRule = new LinkedHashMap<>();
    private final Deque<Entry> recent = new ArrayDeque<>();

    synchronized Entry arrived() {
        // The timestamp is taken under the lock so that "recent" is ordered by it.
        Entry entry = new Entry(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        total++;
        recent.addLast(entry);
        if (recent.size() > RECENT_LIMIT) {
            recent.removeFirst();
        }
        return entry;
    }

    synchronized void countPrompt(String prompt) {
        byRule.replaceAll((needle, count) -> prompt.contains(needle) ? count + 1 : count);
    }

    synchronized void track(String needle) {
        byRule.putIfAbsent(needle, 0L);
    }

    /** Forgets everything, except that texts of still-active rules keep being tracked (from zero). */
    synchronized void reset(Collection<String> activeNeedles) {
        total = 0;
        recent.clear();
        byRule.clear();
        activeNeedles.forEach(needle -> byRule.putIfAbsent(needle, 0L));
    }

    synchronized RequestStats snapshot() {
        List<RequestStats.Request> requests = new ArrayList<>(recent.size());
        recent.forEach(entry -> requests.add(entry.toRequest()));
        return new RequestStats(total, new LinkedHashMap<>(byRule), List.copyOf(requests));
    }
}
