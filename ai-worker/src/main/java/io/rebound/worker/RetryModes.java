package io.rebound.worker;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;

/** Which retry mode the configuration selects ({@code rebound.worker.retry.mode}, non-blocking unless set). */
final class RetryModes {

    private RetryModes() {}

    static WorkerProperties.RetryMode of(ConditionContext context) {
        return Binder.get(context.getEnvironment())
                .bind("rebound.worker.retry.mode", WorkerProperties.RetryMode.class)
                .orElse(WorkerProperties.RetryMode.NON_BLOCKING);
    }
}
