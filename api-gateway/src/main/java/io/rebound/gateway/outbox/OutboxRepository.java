package io.rebound.gateway.outbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.NativeQuery;
import org.springframework.data.jpa.repository.Query;

interface OutboxRepository extends JpaRepository<OutboxEvent, Long> {

    /** The oldest unpublished events, locked; other relays skip them instead of waiting. */
    @NativeQuery("select * from outbox_events where published_at is null order by id limit :limit"
            + " for update skip locked")
    List<OutboxEvent> lockUnpublished(int limit);

    @Modifying
    @Query("update OutboxEvent e set e.publishedAt = :at where e.id in :ids")
    int markPublished(Collection<Long> ids, Instant at);

    @Modifying
    @Query("delete from OutboxEvent e where e.publishedAt < :before")
    int deletePublishedBefore(Instant before);

    @Query("select count(e) from OutboxEvent e where e.publishedAt is null")
    long countUnpublished();
}
