package io.rebound.worker.retry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The worker's retry meters, named {@code rebound_*} in Prometheus. */
@Component
public class RetryMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary backOff;
    private final Counter unwritable;

    RetryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.backOff = DistributionSummary.builder("rebound.ai.backoff")
                .baseUnit("seconds")
                .description("Back-off before an automatic retry, Retry-After included")
                .register(registry);
        // Registered up front: a dashboard sees 0 rather than no series until the first skip.
        skippedCounter("finished");
        skippedCounter("expired");
        unwritable = Counter.builder("rebound.dead.letters.unwritable")
                .description("Dead letters not written because even their excerpt was refused")
                .register(registry);
    }

    public void attempt(String outcome, String errorClass) {
        Counter.builder("rebound.ai.attempts")
                .description("AI call attempts by outcome and error class")
                .tag("outcome", outcome)
                .tag("error_class", errorClass == null ? "none" : errorClass)
                .register(registry)
                .increment();
    }

    public void backOff(long millis) {
        backOff.record(millis / 1000.0);
    }

    public void deadLettered(String operationType, String errorCode) {
        Counter.builder("rebound.operations.dead.lettered")
                .description("Records published to the dead-letter topic")
                .tag("operation_type", operationType)
                .tag("error_code", errorCode)
                .register(registry)
                .increment();
    }

    /** A dead letter that even as an excerpt was refused by its topic or the producer: only its source keeps it. */
    public void deadLetterUnwritable() {
        unwritable.increment();
    }

    /** A record not sent to the AI: {@code finished} (delivered again after its outcome) or {@code expired}. */
    public void skipped(String reason) {
        skippedCounter(reason).increment();
    }

    private Counter skippedCounter(String reason) {
        return Counter.builder("rebound.operations.skipped")
                .description("Records not sent to the AI because their operation had finished or expired")
                .tag("reason", reason)
                .register(registry);
    }
}
