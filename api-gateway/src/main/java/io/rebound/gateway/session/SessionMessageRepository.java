package io.rebound.gateway.session;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SessionMessageRepository extends JpaRepository<SessionMessage, UUID> {

    List<SessionMessage> findBySessionIdOrderByCreatedAt(UUID sessionId);

    Optional<SessionMessage> findFirstBySessionIdAndKindOrderByCreatedAtDesc(UUID sessionId, SessionMessage.Kind kind);

    boolean existsByOperationId(UUID operationId);

    @Query("select m.sessionId, count(m) from SessionMessage m where m.sessionId in :sessionIds group by m.sessionId")
    List<Object[]> countBySession(Collection<UUID> sessionIds);
}
