package io.rebound.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.testsupport.SharedInfrastructureInitializer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The relay's queries on the real PostgreSQL: unpublished events oldest first up to the batch size, marking a batch
 * published, and the retention clean-up that removes only events published long enough ago. The table is shared
 * with other tests in this JVM, so the assertions look at this test's rows.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class OutboxRepositoryIT {

    @Autowired
    private OutboxRepository outbox;

    @Autowired
    private TestEntityManager entities;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void locksUnpublishedEventsOldestFirstUpToTheBatchSizeAndSkipsPublishedOnes() {
        long first = event();
        long second = event();
        long published = event();
        publishedAgo(published, Duration.ofMinutes(1));
        long third = event();
        entities.clear();

        List<Long> mine = outbox.lockUnpublished(10_000).stream()
                .map(OutboxEvent::getId)
                .filter(List.of(first, second, published, third)::contains)
                .toList();
        List<OutboxEvent> batch = outbox.lockUnpublished(2);

        assertThat(mine).containsExactly(first, second, third);
        assertThat(batch).hasSize(2).extracting(OutboxEvent::getId).isSorted();
    }

    @Test
    void aPublishedBatchLeavesTheUnpublishedCountAndOnlyLongPublishedEventsAreDeleted() {
        long unpublishedBefore = outbox.countUnpublished();
        long first = event();
        long second = event();
        long third = event();
        long old = event();
        publishedAgo(old, Duration.ofHours(2));
        entities.clear();
        assertThat(outbox.countUnpublished()).isEqualTo(unpublishedBefore + 3);

        Instant now = Instant.now();
        assertThat(outbox.markPublished(List.of(first, second), now)).isEqualTo(2);
        assertThat(outbox.countUnpublished()).isEqualTo(unpublishedBefore + 1);
        outbox.deletePublishedBefore(now.minus(Duration.ofHours(1)));
        entities.clear();

        assertThat(outbox.findAllById(List.of(first, second, third, old)))
                .extracting(OutboxEvent::getId)
                .containsExactlyInAnyOrder(first, second, third);
    }

    private long event() {
        UUID aggregate = UUID.randomUUID();
        OutboxEvent event = new OutboxEvent(aggregate, "operations.requested", aggregate.toString(), "{}", null);
        return entities.persistAndFlush(event).getId();
    }

    private void publishedAgo(long id, Duration ago) {
        jdbc.update(
                "update outbox_events set published_at = ? where id = ?",
                Timestamp.from(Instant.now().minus(ago)),
                id);
    }
}
