package io.rebound.gateway.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges of the dead-letter index, refreshed in the background so a scrape never queries the database:
 * {@code rebound_dead_letters{state}} and {@code rebound_dead_letters_oldest_open_age_seconds}.
 */
@Component
class DeadLetterMetrics {

    private final DeadLetterIndex index;
    private final Map<String, AtomicLong> byState = Map.of(
            "open", new AtomicLong(),
            "redriven", new AtomicLong(),
            "discarded", new AtomicLong(),
            "resolved", new AtomicLong());
    private final AtomicLong oldestOpenAge = new AtomicLong();

    DeadLetterMetrics(DeadLetterIndex index, MeterRegistry registry) {
        this.index = index;
        byState.forEach((state, value) -> Gauge.builder("rebound.dead.letters", value, AtomicLong::get)
                .description("Indexed dead letters by state")
                .tag("state", state)
                .register(registry));
        Gauge.builder("rebound.dead.letters.oldest.open.age", oldestOpenAge, AtomicLong::get)
                .description("Age of the oldest open dead letter")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${rebound.gateway.metrics-refresh:15s}", initialDelay = 0)
    void refresh() {
        try {
            Map<String, Object> stats = index.stats();
            byState.forEach((state, value) -> value.set(((Number) stats.get(state)).longValue()));
            oldestOpenAge.set(((Number) stats.get("oldest_open_age_seconds")).longValue());
        } catch (RuntimeException e) {
            // The database may be down; the last values stay until the next refresh succeeds.
        }
    }
}
