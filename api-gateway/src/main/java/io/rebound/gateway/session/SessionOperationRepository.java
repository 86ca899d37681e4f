package io.rebound.gateway.session;

import io.rebound.common.OperationStatus;
import io.rebound.common.OperationType;
import io.rebound.gateway.operation.Operation;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Reads of a session's operations that go with one window of its messages (read-only). */
interface SessionOperationRepository extends Repository<Operation, UUID> {

    /**
     * The operations of a session created in [{@code from}, {@code to}), that made one of {@code operationIds}'
     * messages, that work on one of {@code messageIds}, or that are in one of {@code statuses}; oldest first.
     */
    @Query("""
            select o from Operation o
            where o.sessionId = :sessionId
              and ((o.createdAt >= :from and o.createdAt < :to)
                   or o.id in :operationIds
                   or o.messageId in :messageIds
                   or o.status in :statuses)
            order by o.createdAt, o.id""")
    List<Operation> findForWindow(
            UUID sessionId,
            Instant from,
            Instant to,
            Collection<UUID> operationIds,
            Collection<UUID> messageIds,
            Collection<OperationStatus> statuses);

    /** The first request of that type for the message, if any (its retries carry a parent). */
    Optional<Operation> findFirstBySessionIdAndTypeAndMessageIdAndParentOperationIdIsNull(
            UUID sessionId, OperationType type, UUID messageId);

    List<Operation> findBySessionIdAndIdIn(UUID sessionId, Collection<UUID> ids);

    /** Pairs of (parent id, id of its retry) for the given parents. */
    @Query("select o.parentOperationId, o.id from Operation o"
            + " where o.sessionId = :sessionId and o.parentOperationId in :parentIds")
    List<Object[]> findRetriesOf(UUID sessionId, Collection<UUID> parentIds);
}
