package io.rebound.gateway.operation;

import io.rebound.common.ErrorCode;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationStatus;
import io.rebound.common.OperationStatusChanged;
import io.rebound.gateway.GatewayProperties;
import io.rebound.gateway.user.UserAccount;
import io.rebound.gateway.user.UserRepository;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies what the worker reports to the database, idempotently: the operation row is locked, the aggregate decides
 * whether the event moves it, and attempts are keyed by (operation, number).
 */
@Service
public class OperationStatusUpdater {

    private static final Logger log = LoggerFactory.getLogger(OperationStatusUpdater.class);

    private final OperationRepository operations;
    private final OperationAttemptRepository attempts;
    private final UserRepository users;
    private final EntityManager entityManager;
    private final ApplicationEventPublisher events;
    private final GatewayProperties properties;

    OperationStatusUpdater(
            OperationRepository operations,
            OperationAttemptRepository attempts,
            UserRepository users,
            EntityManager entityManager,
            ApplicationEventPublisher events,
            GatewayProperties properties) {
        this.operations = operations;
        this.attempts = attempts;
        this.users = users;
        this.entityManager = entityManager;
        this.events = events;
        this.properties = properties;
    }

    @Transactional
    public void apply(OperationStatusChanged event) {
        Operation operation =
                operations.findByIdForUpdate(event.operationId()).orElseGet(() -> register(event.request()));
        recordAttempt(event);
        boolean hadResult = operation.getResult() != null;
        OperationStatus before = operation.getStatus();
        if (operation.apply(event)) {
            boolean resultRecorded = !hadResult && operation.getResult() != null;
            events.publishEvent(new OperationChanged(operation, before, resultRecorded));
        }
    }

    /** Marks an operation failed because its request was dead-lettered. Unknown ids are ignored. */
    @Transactional
    public boolean deadLettered(UUID operationId, ErrorCode code, String reason) {
        Optional<Operation> found = operations.findByIdForUpdate(operationId);
        if (found.isEmpty()) {
            log.warn("dead letter for unknown operation {} ({}): {}", operationId, code, reason);
            return false;
        }
        Operation operation = found.get();
        OperationStatus before = operation.getStatus();
        if (operation.fail(code, reason)) {
            events.publishEvent(new OperationChanged(operation, before, false));
            log.info(
                    "operation failed operation_id={} operation_type={} error_code={} attempts={} reason=\"{}\"",
                    operationId,
                    operation.getType().wireName(),
                    code,
                    operation.getAttemptCount(),
                    reason);
            return true;
        }
        return false;
    }

    private void recordAttempt(OperationStatusChanged event) {
        if (event.attempt() < 1 || event.status() == OperationStatus.PENDING) {
            return;
        }
        OperationAttempt attempt = attempts.findByOperationIdAndNumber(event.operationId(), event.attempt())
                .orElseGet(() ->
                        attempts.save(new OperationAttempt(event.operationId(), event.attempt(), event.occurredAt())));
        if (event.status() == OperationStatus.COMPLETED) {
            attempt.succeeded(event.occurredAt());
        } else if (event.errorClass() != null) {
            attempt.failed(
                    event.occurredAt(),
                    event.errorClass(),
                    event.httpStatus(),
                    event.errorMessage(),
                    event.nextRetryAt());
        }
    }

    /** An operation another service requested directly on Kafka: the gateway learns of it from its first status. */
    private Operation register(OperationRequested request) {
        UUID sessionId = exists("interview_sessions", request.sessionId()) ? request.sessionId() : null;
        UUID messageId = exists("session_messages", request.messageId()) ? request.messageId() : null;
        UUID ownerId = users.findByEmailIgnoreCase(String.valueOf(request.requestedBy()))
                .map(UserAccount::getId)
                .orElse(null);
        OperationRequested known = new OperationRequested(
                request.schemaVersion(),
                request.operationId(),
                request.operationType(),
                request.parameters(),
                sessionId,
                messageId,
                null,
                request.retryCount(),
                request.requestedBy() == null ? "unknown" : request.requestedBy(),
                request.source(),
                request.requestedAt());
        Operation operation =
                operations.saveAndFlush(Operation.requested(known, ownerId, properties.operationDeadline()));
        log.info(
                "registered operation requested outside the API operation_id={} source={} requested_by={}",
                operation.getId(),
                operation.getSource().wireName(),
                operation.getRequestedBy());
        return operation;
    }

    private boolean exists(String table, UUID id) {
        return id != null
                && !entityManager
                        .createNativeQuery("select 1 from " + table + " where id = :id")
                        .setParameter("id", id)
                        .getResultList()
                        .isEmpty();
    }
}
