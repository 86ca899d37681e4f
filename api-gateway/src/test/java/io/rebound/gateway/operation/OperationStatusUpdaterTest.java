package io.rebound.gateway.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.rebound.common.ErrorCode;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatus;
import io.rebound.common.OperationStatusChanged;
import io.rebound.gateway.GatewayProperties;
import io.rebound.gateway.user.UserAccount;
import io.rebound.gateway.user.UserRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;

/**
 * What the worker reports, applied without Spring or a database: the repositories are stand-ins holding rows in maps,
 * so each test reads as the rows and events a status change leaves behind.
 */
class OperationStatusUpdaterTest {

    private final OperationRepository operations = mock(OperationRepository.class);
    private final OperationAttemptRepository attempts = mock(OperationAttemptRepository.class);
    private final UserRepository users = mock(UserRepository.class);
    private final SessionMembership sessions = mock(SessionMembership.class);
    private final List<OperationChanged> published = new ArrayList<>();
    private final ApplicationEventPublisher events = event -> published.add((OperationChanged) event);
    private final Map<UUID, Operation> rows = new HashMap<>();
    private final Map<String, OperationAttempt> attemptRows = new HashMap<>();

    private final OperationStatusUpdater updater = new OperationStatusUpdater(
            operations,
            attempts,
            users,
            sessions,
            events,
            new Binder().bindOrCreate("rebound.gateway", GatewayProperties.class));

    private final UUID ada = UUID.randomUUID();

    @BeforeEach
    void repositoriesHoldRows() {
        when(operations.findByIdForUpdate(any()))
                .thenAnswer(call -> Optional.ofNullable(rows.get(call.<UUID>getArgument(0))));
        when(operations.saveAndFlush(any())).thenAnswer(call -> {
            Operation operation = call.getArgument(0);
            rows.put(operation.getId(), operation);
            return operation;
        });
        when(attempts.findByOperationIdAndNumber(any(), any(Integer.class)))
                .thenAnswer(
                        call -> Optional.ofNullable(attemptRows.get(call.getArgument(0) + "/" + call.getArgument(1))));
        when(attempts.save(any())).thenAnswer(call -> {
            OperationAttempt attempt = call.getArgument(0);
            attemptRows.put(attempt.getOperationId() + "/" + attempt.getNumber(), attempt);
            return attempt;
        });
    }

    @Test
    void aCompletedEventStoresTheResultOnceAndSaysSo() {
        Operation operation = stored();
        OperationStatusChanged completed =
                OperationStatusChanged.completed(operation.toRequest(), 1, 4, "What is a deadlock?");

        updater.apply(completed);
        updater.apply(completed);

        assertThat(operation.getStatus()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(operation.getResult()).isEqualTo("What is a deadlock?");
        assertThat(published).singleElement().satisfies(changed -> {
            assertThat(changed.resultRecorded()).isTrue();
            assertThat(changed.operation()).isSameAs(operation);
        });
        assertThat(attemptRows.get(operation.getId() + "/1").getOutcome()).isEqualTo(OperationAttempt.SUCCEEDED);
    }

    @Test
    void aLateStartedAttemptAfterTheResultChangesNothing() {
        Operation operation = stored();
        updater.apply(OperationStatusChanged.completed(operation.toRequest(), 2, 4, "Done."));
        published.clear();

        updater.apply(OperationStatusChanged.processing(operation.toRequest(), 2, 4));

        assertThat(operation.getStatus()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(published).isEmpty();
    }

    @Test
    void aFailedAttemptIsRecordedWithItsCauseAndWhenTheNextOneStarts() {
        Operation operation = stored();
        Instant next = Instant.parse("2026-12-02T10:00:02Z");
        updater.apply(OperationStatusChanged.processing(operation.toRequest(), 1, 4));

        updater.apply(OperationStatusChanged.attemptFailed(
                operation.toRequest(), 1, 4, next, "InternalServerException", 503, "overloaded"));

        OperationAttempt attempt = attemptRows.get(operation.getId() + "/1");
        assertThat(attempt.getOutcome()).isEqualTo(OperationAttempt.FAILED);
        assertThat(attempt.getErrorClass()).isEqualTo("InternalServerException");
        assertThat(attempt.getHttpStatus()).isEqualTo(503);
        assertThat(attempt.getNextRetryAt()).isEqualTo(next);
        assertThat(operation.getStatus()).isEqualTo(OperationStatus.PROCESSING);
        assertThat(operation.getMaxAttempts()).isEqualTo(4);
    }

    @Test
    void anEventAboutAnotherRequestWithTheSameIdIsRefusedAndChangesNothing() {
        Operation operation = stored();
        OperationRequested other = TestOperations.question(
                        ada, "mallory@example.com", null, 0, OperationSource.EXTERNAL)
                .toRequest();
        OperationRequested reused = new OperationRequested(
                other.schemaVersion(),
                operation.getId(),
                other.operationType(),
                Map.of("role", "Something else"),
                null,
                null,
                null,
                0,
                other.requestedBy(),
                other.source(),
                other.requestedAt());

        assertThatThrownBy(() -> updater.apply(OperationStatusChanged.completed(reused, 1, 4, "Stolen.")))
                .isInstanceOf(ForeignOperationEventException.class);
        assertThat(operation.getStatus()).isEqualTo(OperationStatus.PENDING);
        assertThat(published).isEmpty();
    }

    @Test
    void anOperationAnotherServiceRequestedIsRegisteredForItsRequesterButNotInASessionTheyDoNotOwn() {
        UserAccount account = new UserAccount("ada@example.com", "{noop}x", "Ada", "USER");
        when(users.findByEmailIgnoreCase("ada@example.com")).thenReturn(Optional.of(account));
        UUID someoneElsesSession = UUID.randomUUID();
        when(sessions.ownsSession(account.getId(), someoneElsesSession)).thenReturn(false);
        OperationRequested external = TestOperations.question(
                        null, "ada@example.com", someoneElsesSession, 0, OperationSource.EXTERNAL)
                .toRequest();

        updater.apply(OperationStatusChanged.processing(external, 1, 4));

        Operation registered = rows.get(external.operationId());
        assertThat(registered.getOwnerId()).isEqualTo(account.getId());
        assertThat(registered.getSessionId()).isNull();
        assertThat(registered.getSource()).isEqualTo(OperationSource.EXTERNAL);
        assertThat(registered.getStatus()).isEqualTo(OperationStatus.PROCESSING);
    }

    @Test
    void aDeadLetterFailsItsOperationWithTheCodeAndAttemptsButNotAnotherRequestsOrAnUnknownOne() {
        Operation operation = stored();

        assertThat(updater.deadLettered(UUID.randomUUID(), null, ErrorCode.AI_UNAVAILABLE, 4, "gone"))
                .isTrue();
        OperationRequested other = TestOperations.question(ada, "ada@example.com", null, 0, OperationSource.API)
                .toRequest();
        assertThat(updater.deadLettered(operation.getId(), other, ErrorCode.AI_UNAVAILABLE, 4, "reused"))
                .isFalse();
        assertThat(operation.getStatus()).isEqualTo(OperationStatus.PENDING);

        assertThat(updater.deadLettered(
                        operation.getId(), operation.toRequest(), ErrorCode.AI_UNAVAILABLE, 4, "503 four times"))
                .isTrue();

        assertThat(operation.getStatus()).isEqualTo(OperationStatus.FAILED);
        assertThat(operation.getErrorCode()).isEqualTo(ErrorCode.AI_UNAVAILABLE.name());
        assertThat(operation.getAttemptCount()).isEqualTo(4);
        assertThat(published)
                .singleElement()
                .satisfies(changed -> assertThat(changed.previousStatus()).isEqualTo(OperationStatus.PENDING));
        verify(operations, never()).save(any());
    }

    private Operation stored() {
        Operation operation = TestOperations.question(ada, "ada@example.com", null, 0, OperationSource.API);
        rows.put(operation.getId(), operation);
        return operation;
    }
}
