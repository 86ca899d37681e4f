package io.rebound.worker.inflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rebound.common.ErrorCode;
import io.rebound.common.OperationRequested;
import io.rebound.worker.breaker.CircuitBreakerCoordinator;
import io.rebound.worker.finished.FinishedOperations;
import io.rebound.worker.operation.AttemptRunner;
import io.rebound.worker.retry.AiCallFailure;
import io.rebound.worker.retry.AttemptReporter;
import io.rebound.worker.retry.Classification;
import io.rebound.worker.retry.FailureClassifierTest;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnreadRetriesTest {

    private final CircuitBreakerCoordinator breaker = mock(CircuitBreakerCoordinator.class);
    private final FinishedOperations finished = mock(FinishedOperations.class);
    private final AttemptRunner attempts = mock(AttemptRunner.class);
    private final AttemptReporter reporter = mock(AttemptReporter.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UnreadRetries unread = new UnreadRetries(breaker, finished, attempts, reporter, registry);
    private final Instant heldUntil = Instant.now().plusSeconds(8);

    @BeforeEach
    void breakerOpen() {
        when(breaker.allowsCalls()).thenReturn(false);
        when(breaker.heldUntil()).thenReturn(heldUntil);
    }

    @Test
    void whileTheBreakerHoldsCallsAnUnreadRetryDueNowShowsTheBreakersTimeOnce() {
        AiCallFailure failure = failedAttempt(1);
        unread.written(failure, Instant.now().plusMillis(200));

        unread.check();
        unread.check();

        verify(reporter, times(1)).report(failure, heldUntil);
        assertThat(registry.get("rebound.worker.retries.unread").gauge().value())
                .isEqualTo(1);
    }

    @Test
    void aRetryDueLaterKeepsItsOwnTimeUntilThatIsAboutToPass() {
        unread.written(failedAttempt(2), Instant.now().plusSeconds(30));

        unread.check();

        verify(reporter, never()).report(any(), any());
    }

    @Test
    void aRetryReadBackByThisWorkerIsLeftToTheDispatcher() {
        AiCallFailure failure = failedAttempt(1);
        unread.written(failure, Instant.now());

        unread.read(failure.request().operationId(), 2);
        unread.check();

        verify(reporter, never()).report(any(), any());
        assertThat(unread.size()).isZero();
    }

    @Test
    void readingAnEarlierAttemptKeepsTheLaterRetry() {
        AiCallFailure failure = failedAttempt(2);
        unread.written(failure, Instant.now());

        unread.read(failure.request().operationId(), 2);
        unread.check();

        verify(reporter).report(eq(failure), eq(heldUntil));
    }

    @Test
    void aRetryOfAnOperationThatFinishedOrExpiredIsForgotten() {
        AiCallFailure done = failedAttempt(1);
        AiCallFailure late = failedAttempt(1);
        when(finished.contains(done.request().operationId())).thenReturn(true);
        when(attempts.expired(late.request())).thenReturn(true);
        unread.written(done, Instant.now());
        unread.written(late, Instant.now());

        unread.check();

        verify(reporter, never()).report(any(), any());
        assertThat(unread.size()).isZero();
    }

    @Test
    void whileTheBreakerLetsCallsThroughNothingIsPublished() {
        when(breaker.allowsCalls()).thenReturn(true);
        unread.written(failedAttempt(1), Instant.now().minusSeconds(1));

        unread.check();

        verify(reporter, never()).report(any(), any());
        assertThat(unread.size()).isEqualTo(1);
    }

    private static AiCallFailure failedAttempt(int attempt) {
        OperationRequested request = FailureClassifierTest.request();
        Classification unavailable =
                new Classification(true, ErrorCode.AI_UNAVAILABLE, 503, null, "InternalServerException", "503");
        return AiCallFailure.of(request, attempt, unavailable, null);
    }
}
