package io.rebound.worker.breaker;

import java.time.Instant;

/**
 * One state change of the breaker.
 *
 * @param failureRatio the failure ratio of the window that opened the breaker; kept for the whole open episode
 * @param calls the calls in that window
 * @param reason why, for logs and the status event
 */
record CircuitTransition(
        CircuitState from, CircuitState to, double failureRatio, int calls, String reason, Instant at) {}
