package io.rebound.worker.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderCircuitBreakerTest {

    // Threshold 0.5 over at least 4 of the last 10 calls.
    private final ProviderCircuitBreaker breaker = new ProviderCircuitBreaker(0.5, 4, 10);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // outcomes, oldest first   state    ratio and calls that opened it
        "FFF,                       CLOSED,  0,    0", // below the minimum number of calls
        "FFFF,                      OPEN,    1.0,  4",
        "SSFF,                      OPEN,    0.5,  4", // the threshold itself opens
        "SSSF,                      CLOSED,  0,    0",
        "FFFS,                      CLOSED,  0,    0", // a success never opens, even when it completes the minimum
        "FFFSF,                     OPEN,    0.8,  5",
        "SSSSSSFFFF,                CLOSED,  0,    0", // 0.4
        "SSSSSSSSSSFFFFF,           OPEN,    0.5,  10", // only the last 10 count: 5 of 15 would stay closed
        "FFFSSSSSSSSSSFFF,          CLOSED,  0,    0", // the first failures slid out: 3 of 10
        "SFSFS,                     OPEN,    0.5,  4", // opens at the second failure already
    })
    void opensOnAFailureThatBringsTheRatioToTheThresholdOverEnoughCalls(
            String outcomes, CircuitState expected, double ratio, int calls) {
        Optional<CircuitTransition> opened = Optional.empty();
        for (char outcome : outcomes.toCharArray()) {
            if (outcome == 'S') {
                breaker.recordSuccess();
            } else if (opened.isEmpty()) {
                opened = breaker.recordFailure();
            } else {
                breaker.recordFailure();
            }
        }

        assertThat(breaker.state()).isEqualTo(expected);
        assertThat(opened.isPresent()).isEqualTo(expected == CircuitState.OPEN);
        opened.ifPresent(transition -> {
            assertThat(transition.from()).isEqualTo(CircuitState.CLOSED);
            assertThat(transition.to()).isEqualTo(CircuitState.OPEN);
            assertThat(transition.failureRatio()).isEqualTo(ratio);
            assertThat(transition.calls()).isEqualTo(calls);
            assertThat(transition.reason()).contains("over the last " + calls + " AI calls");
        });
    }

    @Test
    void opensOnlyOnceAndIgnoresOutcomesWhileOpen() {
        open();

        assertThat(breaker.recordFailure()).isEmpty();
        breaker.recordSuccess();

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aProbeMakesItHalfOpenAndASuccessfulProbeClosesIt() {
        open();

        CircuitTransition probing = breaker.startProbe().orElseThrow();
        assertThat(probing.from()).isEqualTo(CircuitState.OPEN);
        assertThat(probing.to()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(breaker.recordFailure())
                .as("outcomes while half-open are ignored")
                .isEmpty();

        CircuitTransition closed = breaker.probeSucceeded("probe succeeded").orElseThrow();
        assertThat(closed.from()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(closed.to()).isEqualTo(CircuitState.CLOSED);
        assertThat(closed.failureRatio()).as("the episode's ratio").isEqualTo(1.0);
        assertThat(closed.reason()).isEqualTo("probe succeeded");
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aFailedProbeOpensItAgain() {
        open();
        breaker.startProbe();

        CircuitTransition reopened = breaker.probeFailed("probe failed: 503").orElseThrow();

        assertThat(reopened.from()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(reopened.to()).isEqualTo(CircuitState.OPEN);
        assertThat(reopened.failureRatio()).isEqualTo(1.0);
        assertThat(reopened.calls()).isEqualTo(4);
        assertThat(breaker.startProbe()).as("the next probe").isPresent();
    }

    @Test
    void closingForgetsTheFailuresThatOpenedIt() {
        open();
        breaker.startProbe();
        breaker.probeSucceeded("probe succeeded");

        for (int i = 0; i < 3; i++) {
            assertThat(breaker.recordFailure()).isEmpty();
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.recordFailure()).as("a new minimum of calls").isPresent();
    }

    @Test
    void probesOnlyWhenOpenAndProbeResultsOnlyCountWhenHalfOpen() {
        assertThat(breaker.startProbe()).isEmpty();
        assertThat(breaker.probeSucceeded("late")).isEmpty();
        assertThat(breaker.probeFailed("late")).isEmpty();
        open();
        assertThat(breaker.probeSucceeded("no probe started")).isEmpty();
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    private void open() {
        for (int i = 0; i < 4; i++) {
            breaker.recordFailure();
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }
}
