package io.rebound.worker;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the worker runs in the blocking retry mode. */
public class BlockingRetryMode implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return RetryModes.of(context) == WorkerProperties.RetryMode.BLOCKING;
    }
}
