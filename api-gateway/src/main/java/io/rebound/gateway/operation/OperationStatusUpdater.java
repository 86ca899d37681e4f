package io.rebound.gateway.operation;

import io.rebound.common.ErrorCode;
import io.rebound.common.LogValue;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationStatus;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.StatusEvent;
import io.rebound.gateway.GatewayProperties;
import io.rebound.gateway.user.UserAccount;
import io.rebound.gateway.user.UserRepository;
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
    private final SessionMembership sessions;
    private final ApplicationEventPublisher events;
    private final GatewayProperties properties;

    OperationStatusUpdater(
            OperationRepository operations,
            OperationAttemptRepository attempts,
            UserRepository users,
            SessionMembership sessions,
            ApplicationEventPublisher events,
            GatewayProperties properties) {
        this.operations = operations;
        this.attempts = attempts;
        this.users = users;
        this.sessions = sessions;
        this.events = events;
        this.properties = properties;
    }

    @Transactional
    public void apply(OperationStatusChanged event) {
        Optional<Operation> found = operations.findByIdForUpdate(event.operationId());
        if (found.isPresent() && !found.get().isRequestedAs(event.request())) {
            throw new ForeignOperationEventException(event.operationId());
        }
        Operation operation = found.orElseGet(() -> register(event.request()));
        recordAttempt(event);
        boolean hadResult = operation.getResult() != null;
        OperationStatus before = operation.getStatus();
        if (operation.apply(event)) {
            boolean resultRecorded = !hadResult && operation.getResult() != null;
            events.publishEvent(new OperationChanged(operation, before, resultRecorded));
        }
    }

    /**
     * Marks an operation failed because its request was dead-lettered. Returns false when the dead letter is another
     * request than the one the operation was created from (someone reused its id): that fails nothing. An unknown id
     * fails nothing either.
     *
     * @param request the dead-lettered request, or null when the worker wrote only an excerpt of it and named the
     *     operation in its own header
     */
    @Transactional
    public boolean deadLettered(
            UUID operationId, OperationRequested request, ErrorCode code, Integer attempts, String reason) {
        Optional<Operation> found = operations.findByIdForUpdate(operationId);
        if (found.isEmpty()) {
            log.warn("dead letter for unknown operation {} ({}): \"{}\"", operationId, code, LogValue.of(reason));
            return true;
        }
        Operation operation = found.get();
        if (request != null && !operation.isRequestedAs(request)) {
            log.warn(
                    "dead letter names operation {} but is another request; the operation is left alone ({})",
                    operationId,
                    code);
            return false;
        }
        OperationStatus before = operation.getStatus();
        if (operation.fail(code, attempts == null ? 0 : attempts)) {
            events.publishEvent(new OperationChanged(operation, before, false));
            log.info(
                    "operation failed operation_id={} operation_type={} error_code={} attempts={} reason=\"{}\"",
                    operationId,
                    operation.getType().wireName(),
                    code,
                    operation.getAttemptCount(),
                    LogValue.of(reason));
        }
        return true;
    }

    private void recordAttempt(OperationStatusChanged event) {
        if (event.attempt() < 1 || event.status() == OperationStatus.PENDING) {
            return;
        }
        OperationAttempt attempt = attempts.findByOperationIdAndNumber(event.operationId(), event.attempt())
                .orElseGet(() ->
                        attempts.save(new OperationAttempt(event.operationId(), event.attempt(), event.occurredAt())));
        if (event.event() == StatusEvent.COMPLETED) {
            attempt.succeeded(event.occurredAt());
        } else if (event.event() == StatusEvent.ATTEMPT_FAILED) {
            attempt.failed(
                    event.occurredAt(),
                    event.errorClass(),
                    event.httpStatus(),
                    event.errorMessage(),
                    event.nextRetryAt());
        }
    }

    /**
     * An operation another service requested directly on Kafka: the gateway learns of it from its first status. It is
     * attached to a session (and message) only when they belong to its requester.
     */
    private Operation register(OperationRequested request) {
        UUID ownerId = users.findByEmailIgnoreCase(String.valueOf(request.requestedBy()))
                .map(UserAccount::getId)
                .orElse(null);
        UUID sessionId = ownsSession(ownerId, request.sessionId()) ? request.sessionId() : null;
        UUID messageId = inSession(sessionId, request.messageId()) ? request.messageId() : null;
        if (request.sessionId() != null && sessionId == null) {
            log.warn(
                    "operation requested outside the API names a session its requester does not own; not attached"
                            + " operation_id={} requested_by=\"{}\"",
                    request.operationId(),
                    LogValue.of(request.requestedBy()));
        }
        Operation operation = operations.saveAndFlush(
                Operation.external(request, sessionId, messageId, ownerId, properties.operationDeadline()));
        log.info(
                "registered operation requested outside the API operation_id={} source={} requested_by=\"{}\"",
                operation.getId(),
                operation.getSource().wireName(),
                LogValue.of(operation.getRequestedBy()));
        return operation;
    }

    private boolean ownsSession(UUID ownerId, UUID sessionId) {
        return ownerId != null && sessionId != null && sessions.ownsSession(ownerId, sessionId);
    }

    private boolean inSession(UUID sessionId, UUID messageId) {
        return sessionId != null && messageId != null && sessions.isMessageOf(messageId, sessionId);
    }
}
