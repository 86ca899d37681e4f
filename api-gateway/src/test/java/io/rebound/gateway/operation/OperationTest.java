package io.rebound.gateway.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.common.ErrorCode;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatus;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.OperationType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OperationTest {

    private final OperationRequested request = new OperationRequested(
            1,
            UUID.randomUUID(),
            OperationType.QUESTION_GENERATION,
            Map.of("role", "Backend engineer"),
            UUID.randomUUID(),
            null,
            null,
            0,
            "ada@example.com",
            OperationSource.API,
            Instant.now());
    private final Operation operation = Operation.requested(request, UUID.randomUUID(), Duration.ofMinutes(5));

    @Test
    void startsPendingAndCarriesItsRequest() {
        assertThat(operation.getStatus()).isEqualTo(OperationStatus.PENDING);
        assertThat(operation.toRequest()).isEqualTo(request);
        assertThat(operation.params()).containsEntry("role", "Backend engineer");
    }

    @Test
    void movesThroughProcessingToCompleted() {
        assertThat(operation.apply(OperationStatusChanged.processing(request, 1, 4)))
                .isTrue();
        assertThat(operation.getStatus()).isEqualTo(OperationStatus.PROCESSING);

        assertThat(operation.apply(OperationStatusChanged.completed(request, 1, 4, "What is CAP?")))
                .isTrue();
        assertThat(operation.getStatus()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(operation.getResult()).isEqualTo("What is CAP?");
        assertThat(operation.getFinishedAt()).isNotNull();
    }

    @Test
    void aDeadLetterThatCountsMoreAttemptsThanTheEventsSoFarSetsTheCountAndTheText() {
        operation.apply(OperationStatusChanged.processing(request, 1, 4));

        assertThat(operation.fail(ErrorCode.AI_UNAVAILABLE, 4)).isTrue();

        assertThat(operation.getAttemptCount()).isEqualTo(4);
        assertThat(operation.getErrorMessage()).startsWith("The AI service kept failing after 4 attempts.");
    }

    @Test
    void aFailedAttemptShowsWhenTheNextOneStarts() {
        Instant next = Instant.now().plusSeconds(2);
        operation.apply(OperationStatusChanged.processing(request, 1, 4));
        operation.apply(OperationStatusChanged.attemptFailed(request, 1, 4, next, "InternalServerException", 503, "x"));

        assertThat(operation.getNextRetryAt()).isEqualTo(next);
        assertThat(operation.getLastAttemptError()).isEqualTo("x");

        operation.apply(OperationStatusChanged.processing(request, 2, 4));
        assertThat(operation.getAttemptCount()).isEqualTo(2);
        assertThat(operation.getNextRetryAt()).isNull();
    }

    @Test
    void duplicateAndOlderEventsNeverMoveItBackwards() {
        OperationStatusChanged completed = OperationStatusChanged.completed(request, 2, 4, "Q");
        operation.apply(OperationStatusChanged.processing(request, 2, 4));
        operation.apply(completed);

        assertThat(operation.apply(completed)).isFalse();
        assertThat(operation.apply(OperationStatusChanged.processing(request, 1, 4)))
                .isFalse();
        assertThat(operation.apply(OperationStatusChanged.processing(request, 3, 4)))
                .isFalse();
        assertThat(operation.getStatus()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(operation.getAttemptCount()).isEqualTo(2);
    }

    @Test
    void anOlderAttemptEventAfterANewerOneIsIgnored() {
        operation.apply(OperationStatusChanged.processing(request, 3, 4));

        assertThat(operation.apply(OperationStatusChanged.processing(request, 2, 4)))
                .isFalse();
        assertThat(operation.getAttemptCount()).isEqualTo(3);
    }

    @Test
    void failsOnceWithAMessageThePersonCanActOn() {
        assertThat(operation.fail(ErrorCode.AI_UNAVAILABLE)).isTrue();
        assertThat(operation.fail(ErrorCode.TIMED_OUT)).isFalse();

        assertThat(operation.getStatus()).isEqualTo(OperationStatus.FAILED);
        assertThat(operation.getErrorCode()).isEqualTo("AI_UNAVAILABLE");
        assertThat(operation.getErrorMessage()).contains("What to do:");
    }

    @Test
    void aLateResultAfterTheWatchdogIsKeptButTheOperationStaysFailed() {
        operation.fail(ErrorCode.TIMED_OUT);

        assertThat(operation.apply(OperationStatusChanged.completed(request, 1, 4, "late question")))
                .isTrue();

        assertThat(operation.getStatus()).isEqualTo(OperationStatus.FAILED);
        assertThat(operation.getErrorCode()).isEqualTo("TIMED_OUT");
        assertThat(operation.getResult()).isEqualTo("late question");
    }

    @Test
    void aFailedOperationStillCountsItsLastAttemptReportedLate() {
        operation.apply(OperationStatusChanged.processing(request, 3, 4));
        operation.fail(ErrorCode.AI_UNAVAILABLE);

        operation.apply(OperationStatusChanged.attemptFailed(request, 4, 4, null, "InternalServerException", 503, "x"));

        assertThat(operation.getStatus()).isEqualTo(OperationStatus.FAILED);
        assertThat(operation.getAttemptCount()).isEqualTo(4);
    }

    @Test
    void aCompletedOperationCannotFail() {
        operation.apply(OperationStatusChanged.completed(request, 1, 4, "Q"));

        assertThat(operation.fail(ErrorCode.AI_UNAVAILABLE)).isFalse();
        assertThat(operation.getStatus()).isEqualTo(OperationStatus.COMPLETED);
    }

    @Test
    void onlyAFailedOperationIsOneARetryOrRedriveStartsFrom() {
        assertThat(operation.isFailed()).isFalse();
        operation.fail(ErrorCode.AI_UNAVAILABLE);
        assertThat(operation.isFailed()).isTrue();
    }
}
