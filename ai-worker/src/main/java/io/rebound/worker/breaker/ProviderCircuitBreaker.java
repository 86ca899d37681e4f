package io.rebound.worker.breaker;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The breaker's state machine over a count-based sliding window of the last AI calls of operations. It only decides;
 * {@link CircuitBreakerCoordinator} acts on the transitions it returns. Thread-safe: consumer threads record outcomes
 * while the breaker's own thread runs probes.
 *
 * <pre>
 * CLOSED    -- a failure brings the ratio to the threshold, over at least minimumCalls --> OPEN
 * OPEN      -- a probe starts -------------------------------------------------------> HALF_OPEN
 * HALF_OPEN -- the probe reached the provider (window cleared) -----------------------> CLOSED
 * HALF_OPEN -- the probe failed ------------------------------------------------------> OPEN
 * </pre>
 *
 * Only a failure can open the breaker: a success never makes the provider look worse. Outcomes recorded while the
 * breaker is not closed are ignored: consumption is paused then, so they come from attempts already under way, and the
 * probe decides.
 */
final class ProviderCircuitBreaker {

    private final double threshold;
    private final int minimumCalls;
    private final boolean[] window;
    private int size;
    private int next;
    private int failures;
    private CircuitState state = CircuitState.CLOSED;
    private double openedRatio;
    private int openedCalls;

    ProviderCircuitBreaker(double threshold, int minimumCalls, int windowSize) {
        this.threshold = threshold;
        this.minimumCalls = minimumCalls;
        this.window = new boolean[windowSize];
    }

    synchronized CircuitState state() {
        return state;
    }

    synchronized void recordSuccess() {
        if (state == CircuitState.CLOSED) {
            add(false);
        }
    }

    synchronized Optional<CircuitTransition> recordFailure() {
        if (state != CircuitState.CLOSED) {
            return Optional.empty();
        }
        add(true);
        double ratio = (double) failures / size;
        if (size < minimumCalls || ratio < threshold) {
            return Optional.empty();
        }
        openedRatio = ratio;
        openedCalls = size;
        return Optional.of(moveTo(
                CircuitState.OPEN,
                String.format(
                        Locale.ROOT, "failure ratio %.2f >= %.2f over the last %d AI calls", ratio, threshold, size)));
    }

    synchronized Optional<CircuitTransition> startProbe() {
        return state == CircuitState.OPEN
                ? Optional.of(moveTo(CircuitState.HALF_OPEN, "probing the provider"))
                : Optional.empty();
    }

    synchronized Optional<CircuitTransition> probeSucceeded(String reason) {
        if (state != CircuitState.HALF_OPEN) {
            return Optional.empty();
        }
        CircuitTransition closed = moveTo(CircuitState.CLOSED, reason);
        // The failures that opened the breaker are history; keeping them would open it again at the next failure.
        size = 0;
        next = 0;
        failures = 0;
        return Optional.of(closed);
    }

    synchronized Optional<CircuitTransition> probeFailed(String reason) {
        return state == CircuitState.HALF_OPEN ? Optional.of(moveTo(CircuitState.OPEN, reason)) : Optional.empty();
    }

    private CircuitTransition moveTo(CircuitState to, String reason) {
        CircuitTransition transition =
                new CircuitTransition(state, to, openedRatio, openedCalls, reason, Instant.now());
        state = to;
        return transition;
    }

    private void add(boolean failed) {
        if (size == window.length) {
            failures -= window[next] ? 1 : 0;
        } else {
            size++;
        }
        window[next] = failed;
        failures += failed ? 1 : 0;
        next = (next + 1) % window.length;
    }
}
