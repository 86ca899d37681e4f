package io.rebound.gateway.session;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SessionMessageRepository extends JpaRepository<SessionMessage, UUID> {

    /** The session's newest messages, newest first (created_at, then id, so that equal timestamps keep an order). */
    @Query("select m from SessionMessage m where m.sessionId = :sessionId order by m.createdAt desc, m.id desc")
    List<SessionMessage> findNewest(UUID sessionId, Limit limit);

    /** The messages before ({@code createdAt}, {@code id}) in the order of {@link #findNewest}, newest first. */
    @Query("""
            select m from SessionMessage m
            where m.sessionId = :sessionId
              and (m.createdAt < :createdAt or (m.createdAt = :createdAt and m.id < :id))
            order by m.createdAt desc, m.id desc""")
    List<SessionMessage> findBefore(UUID sessionId, Instant createdAt, UUID id, Limit limit);

    Optional<SessionMessage> findByIdAndSessionId(UUID id, UUID sessionId);

    Optional<SessionMessage> findFirstBySessionIdAndKindOrderByCreatedAtDesc(UUID sessionId, SessionMessage.Kind kind);

    boolean existsByOperationId(UUID operationId);

    boolean existsByIdAndSessionId(UUID id, UUID sessionId);

    @Query("select m.sessionId, count(m) from SessionMessage m where m.sessionId in :sessionIds group by m.sessionId")
    List<Object[]> countBySession(Collection<UUID> sessionIds);
}
