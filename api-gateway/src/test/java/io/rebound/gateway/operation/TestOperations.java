package io.rebound.gateway.operation;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** Operations and stubs for tests that run without the whole gateway. */
public final class TestOperations {

    private TestOperations() {}

    /** A pending question for {@code owner}'s session, {@code retryCount} retries down its chain. */
    public static Operation question(
            UUID owner, String requestedBy, UUID session, int retryCount, OperationSource source) {
        OperationRequested request = new OperationRequested(
                OperationRequested.SCHEMA_VERSION,
                UUID.randomUUID(),
                OperationType.QUESTION_GENERATION,
                Map.of("role", "Backend engineer"),
                session,
                null,
                retryCount == 0 ? null : UUID.randomUUID(),
                retryCount,
                requestedBy,
                source,
                Instant.now());
        return Operation.requested(request, owner, Duration.ofMinutes(5));
    }

    /** A pending model answer to question message {@code question} of {@code owner}'s session. */
    public static Operation modelAnswer(UUID owner, String requestedBy, UUID session, UUID question) {
        OperationRequested request = new OperationRequested(
                OperationRequested.SCHEMA_VERSION,
                UUID.randomUUID(),
                OperationType.MODEL_ANSWER,
                Map.of("role", "Backend engineer", "question", "What is a deadlock?"),
                session,
                question,
                null,
                0,
                requestedBy,
                OperationSource.API,
                Instant.now());
        return Operation.requested(request, owner, Duration.ofMinutes(5));
    }

    /** A stubbed {@link UserLimits} whose turns are taken at once: the work runs as if no one else were waiting. */
    public static void takeTurnsAtOnce(UserLimits userLimits) {
        when(userLimits.inTurn(any(), any()))
                .thenAnswer(call -> call.<Supplier<?>>getArgument(1).get());
    }
}
