package io.rebound.worker.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.openai.core.http.Headers;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.ErrorObject;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rebound.common.ErrorCode;
import io.rebound.common.WorkerCircuitChanged.Event;
import io.rebound.worker.WorkerProperties;
import io.rebound.worker.retry.Classification;
import io.rebound.worker.retry.FailureClassifier;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

class CircuitBreakerCoordinatorTest {

    private static final Classification UNAVAILABLE =
            new Classification(true, ErrorCode.AI_UNAVAILABLE, 503, null, "InternalServerException", "503");
    private static final Classification RATE_LIMITED =
            new Classification(true, ErrorCode.AI_RATE_LIMITED, 429, null, "RateLimitException", "429");
    private static final Classification BAD_REQUEST =
            new Classification(false, ErrorCode.INVALID_REQUEST, 400, null, "BadRequestException", "400");

    private final ProviderProbe probe = mock(ProviderProbe.class);
    private final MessageListenerContainer container = mock(MessageListenerContainer.class);
    private final CircuitEvents events = mock(CircuitEvents.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private CircuitBreakerCoordinator coordinator;

    @AfterEach
    void stop() {
        coordinator.destroy();
    }

    @Test
    void opensPausesTheListenerProbesUntilTheProviderAnswersThenResumes() {
        coordinator = coordinator(true);
        RuntimeException down = new OpenAIIoException("Request failed", new ConnectException("Connection refused"));
        doThrow(down).doThrow(down).doNothing().when(probe).probe("Reply with OK.");

        for (int i = 0; i < 4; i++) {
            coordinator.recordFailure(UNAVAILABLE);
        }

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> verify(container).resume());
        InOrder order = inOrder(container, probe);
        order.verify(container).pause();
        order.verify(probe, times(3)).probe("Reply with OK.");
        order.verify(container).resume();
        assertThat(published())
                .containsExactly(
                        Event.CIRCUIT_OPENED,
                        Event.CIRCUIT_HALF_OPEN,
                        Event.CIRCUIT_OPENED,
                        Event.CIRCUIT_HALF_OPEN,
                        Event.CIRCUIT_OPENED,
                        Event.CIRCUIT_HALF_OPEN,
                        Event.CIRCUIT_CLOSED);
        assertThat(registry.get("rebound.ai.circuit.state").gauge().value()).isZero();
        assertThat(transitions("closed", "open")).isEqualTo(1);
        assertThat(transitions("open", "half_open")).isEqualTo(3);
        assertThat(transitions("half_open", "open")).isEqualTo(2);
        assertThat(transitions("half_open", "closed")).isEqualTo(1);
        assertThat(probes("failure")).isEqualTo(2);
        assertThat(probes("success")).isEqualTo(1);
    }

    @Test
    void theGaugeShowsOpenWhileTheProviderIsDown() {
        coordinator = coordinator(true);
        doThrow(new OpenAIIoException("Request failed", new ConnectException("Connection refused")))
                .when(probe)
                .probe(any());

        for (int i = 0; i < 4; i++) {
            coordinator.recordFailure(RATE_LIMITED);
        }

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> verify(probe, atLeast(2)).probe(any()));
        assertThat(registry.get("rebound.ai.circuit.state").gauge().value()).isIn(1.0, 2.0);
        verify(container, never()).resume();
    }

    @Test
    void permanentFailuresAndSuccessesNeverOpenIt() {
        coordinator = coordinator(true);

        for (int i = 0; i < 20; i++) {
            coordinator.recordFailure(BAD_REQUEST);
            coordinator.recordSuccess();
        }
        coordinator.recordFailure(UNAVAILABLE);

        assertNothingHappens();
    }

    @Test
    void aProbeTheProviderAnswersWithAPermanentErrorClosesIt() {
        coordinator = coordinator(true);
        doThrow(UnauthorizedException.builder()
                        .headers(Headers.builder().build())
                        .error(ErrorObject.builder()
                                .message("invalid key")
                                .type("authentication_error")
                                .param((String) null)
                                .code("invalid_api_key")
                                .build())
                        .build())
                .when(probe)
                .probe(any());

        for (int i = 0; i < 4; i++) {
            coordinator.recordFailure(UNAVAILABLE);
        }

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> verify(container).resume());
        assertThat(probes("answered_with_error")).isEqualTo(1);
        ArgumentCaptor<CircuitTransition> transitions = ArgumentCaptor.forClass(CircuitTransition.class);
        verify(events, times(3)).publish(transitions.capture(), any());
        assertThat(transitions.getValue().reason()).contains("UnauthorizedException (HTTP 401)");
    }

    @Test
    void aDisabledBreakerNeverPauses() {
        coordinator = coordinator(false);

        for (int i = 0; i < 20; i++) {
            coordinator.recordFailure(UNAVAILABLE);
        }

        assertNothingHappens();
    }

    @Test
    void neverThrowsIntoTheListenerOnceShutDown() {
        coordinator = coordinator(true);
        coordinator.destroy();

        assertThatCode(() -> {
                    for (int i = 0; i < 4; i++) {
                        coordinator.recordFailure(UNAVAILABLE);
                    }
                })
                .doesNotThrowAnyException();
    }

    private void assertNothingHappens() {
        // Transitions are applied on the breaker's thread; give it the time of a few probe intervals.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            verify(container, never()).pause();
            verify(events, never()).publish(any(), any());
        });
        assertThat(mockingDetails(probe).getInvocations()).isEmpty();
        assertThat(registry.get("rebound.ai.circuit.state").gauge().value()).isZero();
    }

    private CircuitBreakerCoordinator coordinator(boolean enabled) {
        KafkaListenerEndpointRegistry listeners = mock(KafkaListenerEndpointRegistry.class);
        when(listeners.getListenerContainer(CircuitBreakerCoordinator.LISTENER_ID))
                .thenReturn(container);
        doNothing().when(events).publish(any(), any());
        WorkerProperties properties = new WorkerProperties(
                12,
                (short) 1,
                new WorkerProperties.Retry(
                        Duration.ofSeconds(1),
                        2.0,
                        Duration.ofSeconds(4),
                        3,
                        Duration.ofMillis(100),
                        Duration.ofSeconds(30),
                        4000,
                        WorkerProperties.RetryMode.NON_BLOCKING),
                "test-worker",
                new WorkerProperties.Breaker(enabled, 0.5, 4, 10, Duration.ofMillis(50), "Reply with OK."),
                Duration.ofDays(14),
                3,
                12,
                256,
                256,
                Duration.ofMinutes(5));
        return new CircuitBreakerCoordinator(properties, probe, new FailureClassifier(), listeners, events, registry);
    }

    private List<Event> published() {
        ArgumentCaptor<CircuitTransition> transitions = ArgumentCaptor.forClass(CircuitTransition.class);
        verify(events, atLeastOnce()).publish(transitions.capture(), any());
        return transitions.getAllValues().stream().map(t -> t.to().event()).toList();
    }

    private double transitions(String from, String to) {
        return registry.get("rebound.ai.circuit.transitions")
                .tag("from", from)
                .tag("to", to)
                .counter()
                .count();
    }

    private double probes(String outcome) {
        return registry.get("rebound.ai.circuit.probes")
                .tag("outcome", outcome)
                .counter()
                .count();
    }
}
