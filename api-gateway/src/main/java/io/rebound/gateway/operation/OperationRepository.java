package io.rebound.gateway.operation;

import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatus;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface OperationRepository extends JpaRepository<Operation, UUID> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from Operation o where o.id = :id")
    Optional<Operation> findByIdForUpdate(UUID id);

    List<Operation> findBySessionIdOrderByCreatedAt(UUID sessionId);

    Optional<Operation> findByParentOperationId(UUID parentOperationId);

    List<Operation> findByParentOperationIdIn(Collection<UUID> parentIds);

    long countByOwnerIdAndSourceInAndStatusIn(
            UUID ownerId, Collection<OperationSource> sources, Collection<OperationStatus> statuses);

    long countByOwnerIdAndSourceInAndCreatedAtAfter(UUID ownerId, Collection<OperationSource> sources, Instant since);

    Optional<Operation> findFirstByOwnerIdAndSourceInAndCreatedAtAfterOrderByCreatedAt(
            UUID ownerId, Collection<OperationSource> sources, Instant since);

    /** Per session: operations that failed and were not retried (yet), as [sessionId, count] rows. */
    @Query("""
            select o.sessionId, count(o) from Operation o
            where o.sessionId in :sessionIds and o.status = io.rebound.common.OperationStatus.FAILED
              and not exists (select r.id from Operation r where r.parentOperationId = o.id)
            group by o.sessionId""")
    List<Object[]> countUnretriedFailuresBySession(Collection<UUID> sessionIds);

    List<Operation> findByStatusInAndDeadlineAtBefore(
            Collection<OperationStatus> statuses, Instant deadline, Limit limit);
}
