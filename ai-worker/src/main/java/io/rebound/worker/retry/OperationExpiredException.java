package io.rebound.worker.retry;

import io.rebound.common.OperationRequested;
import java.time.Duration;
import java.time.Instant;

/**
 * The operation is older than the gateway's deadline: its watchdog has failed it with {@code TIMED_OUT} (or is about
 * to), so an AI call now would be wasted. Dead-lettered at once with that code.
 */
public class OperationExpiredException extends RuntimeException {

    public OperationExpiredException(OperationRequested request, Duration deadline, Instant now) {
        super("requested at " + request.requestedAt() + ", past its deadline of " + deadline + " at " + now
                + "; not sent to the AI");
    }
}
