package io.rebound.gateway.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** {@code rebound_outbox_backlog} and {@code rebound_outbox_oldest_age_seconds}: events not yet on Kafka. */
@Component
class OutboxMetrics {

    private final JdbcTemplate jdbc;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAge = new AtomicLong();

    OutboxMetrics(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        Gauge.builder("rebound.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox events waiting to be published to Kafka")
                .register(registry);
        Gauge.builder("rebound.outbox.oldest.age", oldestAge, AtomicLong::get)
                .description("Age of the oldest unpublished outbox event")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${rebound.gateway.metrics-refresh:15s}", initialDelay = 0)
    void refresh() {
        try {
            Map<String, Object> row = jdbc.queryForMap("select count(*) as backlog,"
                    + " coalesce(extract(epoch from now() - min(created_at)), 0) as age"
                    + " from outbox_events where published_at is null");
            backlog.set(((Number) row.get("backlog")).longValue());
            oldestAge.set(((Number) row.get("age")).longValue());
        } catch (RuntimeException e) {
            // The database may be down; keep the last values.
        }
    }
}
