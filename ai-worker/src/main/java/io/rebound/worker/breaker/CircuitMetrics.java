package io.rebound.worker.breaker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The breaker's meters: {@code rebound_ai_circuit_state} (0 closed, 1 open, 2 half-open; no labels but the
 * application's, as infra/observability expects), {@code rebound_ai_circuit_transitions_total} and
 * {@code rebound_ai_circuit_probes_total}.
 */
final class CircuitMetrics {

    private final MeterRegistry registry;

    CircuitMetrics(MeterRegistry registry, ProviderCircuitBreaker breaker) {
        this.registry = registry;
        // The gauge holds the breaker weakly; the coordinator keeps it alive.
        Gauge.builder("rebound.ai.circuit.state", breaker, b -> b.state().gaugeValue())
                .description("AI circuit breaker: 0 closed, 1 open (consumption paused), 2 half-open (probing)")
                .register(registry);
    }

    void transition(CircuitTransition transition) {
        Counter.builder("rebound.ai.circuit.transitions")
                .description("State changes of the AI circuit breaker")
                .tag("from", transition.from().tag())
                .tag("to", transition.to().tag())
                .register(registry)
                .increment();
    }

    /** {@code success}, {@code failure} (transient: still down) or {@code answered_with_error} (reachable). */
    void probe(String outcome) {
        Counter.builder("rebound.ai.circuit.probes")
                .description("Probes of the AI provider while the circuit breaker is open")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
