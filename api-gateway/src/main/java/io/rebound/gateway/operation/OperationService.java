package io.rebound.gateway.operation;

import io.rebound.common.ErrorCode;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatus;
import io.rebound.common.OperationType;
import io.rebound.common.Topics;
import io.rebound.gateway.GatewayProperties;
import io.rebound.gateway.outbox.Outbox;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Creates operations and reads them for their owners. Status changes are {@link OperationStatusUpdater}'s. */
@Service
public class OperationService {

    private static final Logger log = LoggerFactory.getLogger(OperationService.class);

    private final OperationRepository operations;
    private final Outbox outbox;
    private final ApplicationEventPublisher events;
    private final GatewayProperties properties;
    private final UserLimits userLimits;

    OperationService(
            OperationRepository operations,
            Outbox outbox,
            ApplicationEventPublisher events,
            GatewayProperties properties,
            UserLimits userLimits) {
        this.operations = operations;
        this.outbox = outbox;
        this.events = events;
        this.properties = properties;
        this.userLimits = userLimits;
    }

    /**
     * Stores a pending operation and its request event in the caller's transaction.
     *
     * @throws UserLimitExceededException if the user has as much AI work open or started as {@link UserLimits}
     *     allows; the caller's transaction then stores nothing either
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Operation request(
            OperationType type,
            Map<String, String> parameters,
            UUID sessionId,
            UUID messageId,
            UUID ownerId,
            String requestedBy) {
        OperationRequested request = new OperationRequested(
                OperationRequested.SCHEMA_VERSION,
                UUID.randomUUID(),
                type,
                parameters,
                sessionId,
                messageId,
                null,
                0,
                requestedBy,
                OperationSource.API,
                Instant.now());
        return save(Operation.requested(request, ownerId, properties.operationDeadline()));
    }

    Operation save(Operation operation) {
        if (operation.getOwnerId() != null && UserLimits.COUNTED.contains(operation.getSource())) {
            userLimits.admit(operation.getOwnerId());
        }
        Operation saved = operations.save(operation);
        OperationRequested request = saved.toRequest();
        outbox.append(saved.getId(), Topics.OPERATIONS_REQUESTED, saved.getId().toString(), request);
        events.publishEvent(new OperationChanged(saved, null, false));
        return saved;
    }

    /** Tells listeners that a failed operation now has a retry (its view shows it). */
    void parentRetried(Operation parent) {
        events.publishEvent(new OperationChanged(parent, parent.getStatus(), false));
    }

    @Transactional(readOnly = true)
    public Operation get(UUID id, UUID ownerId) {
        return operations
                .findById(id)
                .filter(operation -> ownerId.equals(operation.getOwnerId()))
                .orElseThrow(() -> new OperationNotFoundException(id));
    }

    /** Per session of {@code sessionIds}: how many of its requests failed and wait for the user's Retry. */
    @Transactional(readOnly = true)
    public Map<UUID, Long> unretriedFailures(Collection<UUID> sessionIds) {
        Map<UUID, Long> counts = new HashMap<>();
        operations.countUnretriedFailuresBySession(sessionIds).forEach(row -> counts.put((UUID) row[0], (Long) row[1]));
        return counts;
    }

    /** Any user's operation, for administrators (the admin API is for role ADMIN only). */
    @Transactional(readOnly = true)
    public Operation getForAdmin(UUID id) {
        return operations.findById(id).orElseThrow(() -> new OperationNotFoundException(id));
    }

    /** Fails every operation past its deadline, so nobody waits forever for a worker that is down. */
    @Transactional
    public int failOverdue(int limit) {
        int failed = 0;
        List<Operation> overdue = operations.findByStatusInAndDeadlineAtBefore(
                List.of(OperationStatus.PENDING, OperationStatus.PROCESSING), Instant.now(), Limit.of(limit));
        for (Operation operation : overdue) {
            OperationStatus before = operation.getStatus();
            if (operation.fail(ErrorCode.TIMED_OUT)) {
                events.publishEvent(new OperationChanged(operation, before, false));
                log.warn(
                        "operation timed out operation_id={} operation_type={} was={} attempts={} created_at={}",
                        operation.getId(),
                        operation.getType().wireName(),
                        before.wireName(),
                        operation.getAttemptCount(),
                        operation.getCreatedAt());
                failed++;
            }
        }
        return failed;
    }
}
