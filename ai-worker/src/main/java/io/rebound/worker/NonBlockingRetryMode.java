package io.rebound.worker;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the worker runs in the non-blocking retry mode, the default. */
public class NonBlockingRetryMode implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return RetryModes.of(context) == WorkerProperties.RetryMode.NON_BLOCKING;
    }
}
