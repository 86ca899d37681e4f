package io.rebound.gateway.operation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface OperationAttemptRepository extends JpaRepository<OperationAttempt, Long> {

    Optional<OperationAttempt> findByOperationIdAndNumber(UUID operationId, int number);

    List<OperationAttempt> findByOperationIdInOrderByNumber(Collection<UUID> operationIds);
}
