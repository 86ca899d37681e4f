package io.rebound.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything that tunes the worker, under {@code rebound.worker}.
 *
 * @param partitions partitions of operations.requested and its dead-letter topic; the ceiling of parallelism
 * @param replicationFactor replication of the topics the worker creates
 * @param retry the automatic retry policy
 */
@ConfigurationProperties("rebound.worker")
public record WorkerProperties(
        @DefaultValue("12") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue Retry retry) {

    /**
     * Automatic retry of transient AI failures: 1 try, then {@code maxRetries} retries after {@code initialInterval},
     * {@code initialInterval * multiplier}, ... capped at {@code maxInterval}, each with up to {@code jitter} (scaled by
     * the multiplier) of randomness so that workers do not retry in lock-step.
     *
     * @param retryAfterCap the longest {@code Retry-After} of a 429 that is honoured; longer ones are cut to this
     * @param stackTraceMaxChars the dead-letter stack-trace header is cut to this many characters
     */
    public record Retry(
            @DefaultValue("1s") Duration initialInterval,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("4s") Duration maxInterval,
            @DefaultValue("3") int maxRetries,
            @DefaultValue("100ms") Duration jitter,
            @DefaultValue("30s") Duration retryAfterCap,
            @DefaultValue("4000") int stackTraceMaxChars) {

        public int maxAttempts() {
            return maxRetries + 1;
        }
    }
}
