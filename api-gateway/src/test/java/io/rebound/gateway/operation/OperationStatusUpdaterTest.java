package io.rebound.gateway.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.rebound.common.ErrorCode;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatus;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.OperationType;
import io.rebound.gateway.GatewayProperties;
import io.rebound.gateway.user.UserAccount;
import io.rebound.gateway.user.UserRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the worker's status events do to an operation, without Spring: the operation table and the attempt table are
 * maps, and the published {@link OperationChanged} events a list (what the sessions, live updates and metrics hear).
 */
class OperationStatusUpdaterTest {

    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private final Map<UUID, Operation> rows = new HashMap<>();
    private final Map<String, OperationAttempt> attemptRows = new HashMap<>();
    private final List<OperationChanged> published = new ArrayList<>();

    private final OperationRepository operations = mock(OperationRepository.class);
    private final OperationAttemptRepository attempts = mock(OperationAttemptRepository.class);
    private final UserRepository users = mock(UserRepository.class);
    private final SessionMembership sessions = mock(SessionMembership.class);

    private final UserAccount ada = new UserAccount("ada@example.com", "{noop}unused", "Ada", UserAccount.ROLE_USER);
    private OperationStatusUpdater updater;

    @BeforeEach
    void tablesInMemory() {
        when(operations.findByIdForUpdate(any()))
                .thenAnswer(call -> Optional.ofNullable(rows.get(call.getArgument(0))));
        when(operations.saveAndFlush(any())).thenAnswer(call -> {
            Operation operation = call.getArgument(0);
            rows.put(operation.getId(), operation);
            return operation;
        });
        when(attempts.findByOperationIdAndNumber(any(), anyInt()))
                .thenAnswer(
                        call -> Optional.ofNullable(attemptRows.get(key(call.getArgument(0), call.getArgument(1)))));
        when(attempts.save(any())).thenAnswer(call -> {
            OperationAttempt attempt = call.getArgument(0);
            attemptRows.put(key(attempt.getOperationId(), attempt.getNumber()), attempt);
            return attempt;
        });
        GatewayProperties properties = new GatewayProperties(
                12,
                (short) 1,
                DEADLINE,
                Duration.ofMillis(500),
                200,
                Duration.ofHours(1),
                10,
                Duration.ofDays(14),
                new GatewayProperties.Recovery(
                        Duration.ofMillis(500),
                        Duration.ofSeconds(10),
                        Duration.ofMillis(250),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(2)));
        updater = new OperationStatusUpdater(
                operations, attempts, users, sessions, event -> published.add((OperationChanged) event), properties);
    }

    @Test
    void aLateProcessingAfterCompletedIsIgnored() {
        OperationRequested request = existing();

        updater.apply(OperationStatusChanged.processing(request, 1, 4));
        updater.apply(OperationStatusChanged.completed(request, 1, 4, "What is a monad?"));
        updater.apply(OperationStatusChanged.processing(request, 1, 4));

        Operation operation = rows.get(request.operationId());
        assertThat(operation.getStatus()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(operation.getResult()).isEqualTo("What is a monad?");
        assertThat(attempt(request, 1).getOutcome()).isEqualTo(OperationAttempt.SUCCEEDED);
        assertThat(published)
                .extracting(OperationChanged::previousStatus)
                .containsExactly(OperationStatus.PENDING, OperationStatus.PROCESSING);
        assertThat(published.get(1).resultRecorded()).isTrue();
        assertThat(published.get(1).becameTerminal()).isTrue();
    }

    @Test
    void aDuplicateCompletionChangesNothingTheSecondTime() {
        OperationRequested request = existing();
        OperationStatusChanged completed = OperationStatusChanged.completed(request, 1, 4, "What is a monad?");

        updater.apply(completed);
        Instant updatedAt = rows.get(request.operationId()).getUpdatedAt();
        updater.apply(completed);

        assertThat(published).hasSize(1);
        assertThat(rows.get(request.operationId()).getUpdatedAt()).isEqualTo(updatedAt);
        assertThat(attemptRows).hasSize(1);
        verify(attempts).save(any());
    }

    @Test
    void aFailedAttemptIsRecordedAndTheOperationWaitsForItsRetry() {
        OperationRequested request = existing();
        Instant retryAt = Instant.now().plusSeconds(2);

        updater.apply(OperationStatusChanged.processing(request, 1, 4));
        updater.apply(OperationStatusChanged.attemptFailed(
                request, 1, 4, retryAt, "InternalServerException", 500, "upstream answered 500"));

        OperationAttempt first = attempt(request, 1);
        assertThat(first.getOutcome()).isEqualTo(OperationAttempt.FAILED);
        assertThat(first.getErrorClass()).isEqualTo("InternalServerException");
        assertThat(first.getHttpStatus()).isEqualTo(500);
        assertThat(first.getErrorMessage()).isEqualTo("upstream answered 500");
        assertThat(first.getNextRetryAt()).isEqualTo(retryAt);
        assertThat(first.getEndedAt()).isNotNull();
        Operation operation = rows.get(request.operationId());
        assertThat(operation.getStatus()).isEqualTo(OperationStatus.PROCESSING);
        assertThat(operation.getNextRetryAt()).isEqualTo(retryAt);
        assertThat(operation.isWaitingForWorker()).isTrue();

        updater.apply(OperationStatusChanged.processing(request, 2, 4));

        assertThat(attempt(request, 2).getOutcome()).isEqualTo(OperationAttempt.RUNNING);
        assertThat(attempt(request, 1).getOutcome()).isEqualTo(OperationAttempt.FAILED);
        assertThat(operation.getAttemptCount()).isEqualTo(2);
        assertThat(operation.getNextRetryAt()).isNull();
        assertThat(published).hasSize(3);
    }

    @Test
    void anEventThatReusesAnOperationsIdForAnotherRequestIsRefusedUnapplied() {
        OperationRequested request = existing();
        OperationRequested forged = new OperationRequested(
                OperationRequested.SCHEMA_VERSION,
                request.operationId(),
                OperationType.QUESTION_GENERATION,
                Map.of("role", "Someone else's role"),
                request.sessionId(),
                null,
                null,
                0,
                "mallory@example.com",
                OperationSource.EXTERNAL,
                Instant.now());

        assertThatThrownBy(() -> updater.apply(OperationStatusChanged.completed(forged, 1, 4, "Injected")))
                .isInstanceOf(ForeignOperationEventException.class);

        Operation operation = rows.get(request.operationId());
        assertThat(operation.getStatus()).isEqualTo(OperationStatus.PENDING);
        assertThat(operation.getResult()).isNull();
        assertThat(attemptRows).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void anUnknownOperationIsRegisteredAsExternalWithOnlyTheSessionItsRequesterOwns() {
        UUID session = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        when(users.findByEmailIgnoreCase("Ada@Example.com")).thenReturn(Optional.of(ada));
        when(sessions.ownsSession(ada.getId(), session)).thenReturn(true);
        when(sessions.isMessageOf(message, session)).thenReturn(false);
        OperationRequested request = fromKafka(session, message, "Ada@Example.com");

        updater.apply(OperationStatusChanged.processing(request, 1, 4));

        Operation registered = rows.get(request.operationId());
        assertThat(registered.getSource()).isEqualTo(OperationSource.EXTERNAL);
        assertThat(registered.getOwnerId()).isEqualTo(ada.getId());
        assertThat(registered.getSessionId()).isEqualTo(session);
        assertThat(registered.getMessageId()).isNull();
        assertThat(registered.getStatus()).isEqualTo(OperationStatus.PROCESSING);
        assertThat(published)
                .singleElement()
                .satisfies(changed -> assertThat(changed.operation()).isSameAs(registered));
        // Its later events carry the very request received, so they apply.
        updater.apply(OperationStatusChanged.completed(request, 1, 4, "A question?"));
        assertThat(registered.getStatus()).isEqualTo(OperationStatus.COMPLETED);
    }

    @Test
    void anUnknownOperationOfAnUnknownRequesterIsAttachedToNoSessionAndNoOwner() {
        when(users.findByEmailIgnoreCase(any())).thenReturn(Optional.empty());
        OperationRequested request = fromKafka(UUID.randomUUID(), UUID.randomUUID(), "nobody@example.com");

        updater.apply(OperationStatusChanged.processing(request, 1, 4));

        Operation registered = rows.get(request.operationId());
        assertThat(registered.getOwnerId()).isNull();
        assertThat(registered.getSessionId()).isNull();
        assertThat(registered.getMessageId()).isNull();
        verifyNoInteractions(sessions);
    }

    @Test
    void aDeadLetterFailsItsOperationOnceAndFailsNothingForAnotherOrAnUnknownRequest() {
        OperationRequested request = existing();
        OperationRequested other = fromKafka(null, null, "mallory@example.com");

        assertThat(updater.deadLettered(UUID.randomUUID(), null, ErrorCode.AI_UNAVAILABLE, 4, "gone"))
                .isTrue();
        assertThat(updater.deadLettered(
                        request.operationId(), withId(other, request), ErrorCode.AI_UNAVAILABLE, 4, "x"))
                .isFalse();
        assertThat(rows.get(request.operationId()).getStatus()).isEqualTo(OperationStatus.PENDING);

        assertThat(updater.deadLettered(request.operationId(), request, ErrorCode.AI_UNAVAILABLE, 4, "503"))
                .isTrue();
        assertThat(updater.deadLettered(request.operationId(), null, ErrorCode.AI_UNAVAILABLE, 4, "503"))
                .isTrue();

        Operation operation = rows.get(request.operationId());
        assertThat(operation.getStatus()).isEqualTo(OperationStatus.FAILED);
        assertThat(operation.getErrorCode()).isEqualTo("AI_UNAVAILABLE");
        assertThat(operation.getAttemptCount()).isEqualTo(4);
        assertThat(published).hasSize(1);
        verify(operations, never()).saveAndFlush(any());
    }

    /** A pending operation the gateway created (its row exists before any event); returns the request it went out as. */
    private OperationRequested existing() {
        Operation operation =
                TestOperations.question(ada.getId(), ada.getEmail(), UUID.randomUUID(), 0, OperationSource.API);
        rows.put(operation.getId(), operation);
        return operation.toRequest();
    }

    private static OperationRequested fromKafka(UUID session, UUID message, String requestedBy) {
        return new OperationRequested(
                OperationRequested.SCHEMA_VERSION,
                UUID.randomUUID(),
                OperationType.QUESTION_GENERATION,
                Map.of("role", "Data engineer"),
                session,
                message,
                null,
                0,
                requestedBy,
                OperationSource.API,
                Instant.now());
    }

    private static OperationRequested withId(OperationRequested request, OperationRequested of) {
        return new OperationRequested(
                request.schemaVersion(),
                of.operationId(),
                request.operationType(),
                request.parameters(),
                request.sessionId(),
                request.messageId(),
                request.parentOperationId(),
                request.retryCount(),
                request.requestedBy(),
                request.source(),
                request.requestedAt());
    }

    private OperationAttempt attempt(OperationRequested request, int number) {
        return attemptRows.get(key(request.operationId(), number));
    }

    private static String key(UUID operationId, int number) {
        return operationId + "#" + number;
    }
}
