package io.rebound.worker.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rebound.common.ErrorCode;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationStatus;
import io.rebound.common.OperationStatusChanged;
import io.rebound.worker.WorkerProperties;
import io.rebound.worker.status.StatusPublisher;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;

class AttemptBackOffHandlerTest {

    private static final WorkerProperties.Retry RETRY = new WorkerProperties.Retry(
            Duration.ofSeconds(1),
            2.0,
            Duration.ofSeconds(4),
            3,
            Duration.ofMillis(100),
            Duration.ofSeconds(5),
            4000,
            WorkerProperties.RetryMode.NON_BLOCKING);

    private final StatusPublisher status = mock(StatusPublisher.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AttemptBackOffHandler handler = new AttemptBackOffHandler(
            new AttemptReporter(status, new RetryMetrics(registry), RETRY, Duration.ofSeconds(30)),
            new RetryMetrics(registry),
            RETRY.retryAfterCap());
    // A stopped container ends the handler's sleep after its first slice, so no test waits for the real delay.
    private final MessageListenerContainer container = mock(MessageListenerContainer.class);

    @BeforeEach
    void stoppedContainer() {
        when(container.isRunning()).thenReturn(false);
    }

    @Test
    void aRetryAfterLongerThanTheBackOffWins() {
        assertThat(delayFor(1_000, Duration.ofSeconds(3))).isEqualTo(3_000);
    }

    @Test
    void aRetryAfterIsCappedAtTheConfiguredMaximum() {
        assertThat(delayFor(1_000, Duration.ofMinutes(10)))
                .isEqualTo(RETRY.retryAfterCap().toMillis());
    }

    @Test
    void aShorterRetryAfterDoesNotShortenTheBackOff() {
        assertThat(delayFor(4_000, Duration.ofMillis(500))).isEqualTo(4_000);
    }

    @Test
    void withoutRetryAfterTheBackOffIsKept() {
        assertThat(delayFor(2_000, null)).isEqualTo(2_000);
    }

    @Test
    void reportsTheFailedAttemptWithItsNextRetryTime() {
        AiCallFailure failure = failure(2, Duration.ofSeconds(3));
        Instant before = Instant.now();

        handler.onNextBackOff(container, new ListenerExecutionFailedException("listener failed", failure), 2_000);

        ArgumentCaptor<OperationStatusChanged> event = ArgumentCaptor.forClass(OperationStatusChanged.class);
        verify(status).publish(event.capture());
        assertThat(event.getValue().status()).isEqualTo(OperationStatus.PROCESSING);
        assertThat(event.getValue().attempt()).isEqualTo(2);
        assertThat(event.getValue().maxAttempts()).isEqualTo(4);
        assertThat(event.getValue().httpStatus()).isEqualTo(429);
        assertThat(event.getValue().errorClass()).isEqualTo("RateLimitException");
        assertThat(event.getValue().nextRetryAt()).isCloseTo(before.plusSeconds(3), within(1, ChronoUnit.SECONDS));
        assertThat(backOffSeconds()).isEqualTo(3.0);
    }

    @Test
    void aStatusTopicFailureDoesNotStopTheRetry() {
        doThrow(new IllegalStateException("broker down")).when(status).publish(any());

        handler.onNextBackOff(container, failure(1, null), 1_000);

        assertThat(backOffSeconds()).isEqualTo(1.0);
    }

    @Test
    void aFailureOtherThanAnAiCallKeepsTheBackOffAndPublishesNothing() {
        handler.onNextBackOff(container, new IllegalStateException("status publish failed"), 1_000);

        verify(status, never()).publish(any());
        assertThat(backOffSeconds()).isEqualTo(1.0);
    }

    private long delayFor(long backOff, Duration retryAfter) {
        handler.onNextBackOff(container, failure(1, retryAfter), backOff);
        return Math.round(backOffSeconds() * 1000);
    }

    private double backOffSeconds() {
        return registry.get("rebound.ai.backoff").summary().totalAmount();
    }

    private static AiCallFailure failure(int attempt, Duration retryAfter) {
        OperationRequested request = FailureClassifierTest.request();
        Classification classification = new Classification(
                true, ErrorCode.AI_RATE_LIMITED, 429, retryAfter, "RateLimitException", "Rate limit reached");
        return AiCallFailure.of(request, attempt, classification, new IllegalStateException("429"));
    }
}
