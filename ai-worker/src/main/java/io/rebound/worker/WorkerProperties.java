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
 * @param instanceId names this worker on worker.events; blank means host name and process id
 * @param breaker the circuit breaker that pauses consumption while the AI provider is down
 * @param deadLetterRetention how long Kafka keeps dead letters (the gateway creates the topic the same way)
 * @param concurrency consumer threads of the blocking mode's listener container
 * @param consumers consumer threads per listener container in the non-blocking mode; they only fetch (the AI calls
 *     run on the in-flight pool). With {@code c} of them per worker, up to {@code partitions / c} workers of the group
 *     own partitions: the cooperative-sticky assignor moves none to a new member while every owner holds one
 * @param maxInFlight AI calls one worker process runs at once in the non-blocking retry mode
 * @param maxWaiting records each non-blocking listener fetches beyond {@code maxInFlight} (waiting for a free slot, or
 *     a retry for its due time): when it holds both numbers of records not yet done it stops fetching, so a backlog
 *     waits in Kafka, not in memory, and the fairness across users has that many to choose from
 * @param operationDeadline the gateway's deadline for an open operation (its watchdog then fails it with
 *     {@code TIMED_OUT}); a record older than this is not sent to the AI
 */
@ConfigurationProperties("rebound.worker")
public record WorkerProperties(
        @DefaultValue("12") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue Retry retry,
        @DefaultValue("") String instanceId,
        @DefaultValue Breaker breaker,
        @DefaultValue("14d") Duration deadLetterRetention,
        @DefaultValue("3") int concurrency,
        @DefaultValue("2") int consumers,
        @DefaultValue("256") int maxInFlight,
        @DefaultValue("256") int maxWaiting,
        @DefaultValue("5m") Duration operationDeadline) {

    public WorkerProperties {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max-in-flight must be at least 1");
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("max-waiting must not be negative");
        }
        if (operationDeadline.isNegative() || operationDeadline.isZero()) {
            throw new IllegalArgumentException("operation-deadline must be positive");
        }
    }

    /**
     * Automatic retry of transient AI failures: 1 try, then {@code maxRetries} retries after {@code initialInterval},
     * {@code initialInterval * multiplier}, ... capped at {@code maxInterval}, each with up to {@code jitter} (scaled by
     * the multiplier) of randomness so that workers do not retry in lock-step.
     *
     * @param retryAfterCap the longest {@code Retry-After} of a 429 that is honoured; longer ones are cut to this
     * @param stackTraceMaxChars the dead-letter stack-trace header is cut to this many characters
     * @param mode where a failed attempt waits: on a retry topic ({@code non-blocking}) or asleep on its consumer
     *     thread ({@code blocking})
     */
    public record Retry(
            @DefaultValue("1s") Duration initialInterval,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("4s") Duration maxInterval,
            @DefaultValue("3") int maxRetries,
            @DefaultValue("100ms") Duration jitter,
            @DefaultValue("30s") Duration retryAfterCap,
            @DefaultValue("4000") int stackTraceMaxChars,
            @DefaultValue("non-blocking") RetryMode mode) {

        public int maxAttempts() {
            return maxRetries + 1;
        }
    }

    /**
     * The circuit breaker around the AI provider. It counts the outcome of the last {@code windowSize} AI calls of
     * operations (successes and transient failures; permanent failures such as a 400 say nothing about an outage). When
     * a transient failure brings the failure ratio to {@code failureRatioThreshold} or above, over at least {@code
     * minimumCalls} calls, it opens: consumption pauses and a probe calls the provider every {@code probeInterval}
     * until one gets an answer.
     *
     * @param minimumCalls above the attempts of one operation (4), so one unlucky record alone never opens the breaker
     * @param probeInterval from the end of one probe to the start of the next
     * @param probePrompt the one user message of a probe, a tiny chat completion through the same model and timeout
     */
    public record Breaker(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0.5") double failureRatioThreshold,
            @DefaultValue("10") int minimumCalls,
            @DefaultValue("20") int windowSize,
            @DefaultValue("5s") Duration probeInterval,
            @DefaultValue("Reply with OK.") String probePrompt) {

        public Breaker {
            if (failureRatioThreshold <= 0 || failureRatioThreshold > 1) {
                throw new IllegalArgumentException("failure-ratio-threshold must be above 0 and at most 1");
            }
            if (minimumCalls < 1 || windowSize < minimumCalls) {
                throw new IllegalArgumentException("minimum-calls must be at least 1 and at most window-size");
            }
            if (probeInterval.isNegative() || probeInterval.isZero()) {
                throw new IllegalArgumentException("probe-interval must be positive");
            }
            if (probePrompt == null || probePrompt.isBlank()) {
                throw new IllegalArgumentException("probe-prompt must not be blank");
            }
        }
    }

    /** Where a failed attempt waits for its next try ({@code REBOUND_RETRY_MODE}). */
    public enum RetryMode {
        /**
         * The record goes to {@code operations.requested-retry} with the time it is due, and the worker goes on with
         * other records: up to {@code max-in-flight} AI calls at once, whatever the partitions and threads.
         */
        NON_BLOCKING,
        /**
         * The container's error handler sleeps through the back-off on the consumer thread and seeks back: one AI call
         * per consumer thread, and every other partition of that thread waits meanwhile.
         */
        BLOCKING
    }
}
