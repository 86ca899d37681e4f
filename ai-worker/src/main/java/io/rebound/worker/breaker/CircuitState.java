package io.rebound.worker.breaker;

import io.rebound.common.WorkerCircuitChanged;

/** The breaker's states, with their value on the {@code rebound.ai.circuit.state} gauge and their event. */
enum CircuitState {
    CLOSED(0, WorkerCircuitChanged.Event.CIRCUIT_CLOSED),
    OPEN(1, WorkerCircuitChanged.Event.CIRCUIT_OPENED),
    HALF_OPEN(2, WorkerCircuitChanged.Event.CIRCUIT_HALF_OPEN);

    private final int gaugeValue;
    private final WorkerCircuitChanged.Event event;

    CircuitState(int gaugeValue, WorkerCircuitChanged.Event event) {
        this.gaugeValue = gaugeValue;
        this.event = event;
    }

    int gaugeValue() {
        return gaugeValue;
    }

    /** The event that announces entering this state. */
    WorkerCircuitChanged.Event event() {
        return event;
    }

    String tag() {
        return name().toLowerCase();
    }
}
