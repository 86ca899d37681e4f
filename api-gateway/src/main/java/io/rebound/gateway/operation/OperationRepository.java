package io.rebound.gateway.operation;

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

    List<Operation> findByStatusInAndDeadlineAtBefore(
            Collection<OperationStatus> statuses, Instant deadline, Limit limit);
}
