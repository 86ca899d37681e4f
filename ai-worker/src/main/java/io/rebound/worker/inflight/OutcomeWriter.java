package io.rebound.worker.inflight;

import io.rebound.common.LogValue;
import io.rebound.common.OperationRequested;
import io.rebound.worker.NonBlockingRetryMode;
import io.rebound.worker.operation.AttemptRunner;
import io.rebound.worker.retry.AiCallFailure;
import io.rebound.worker.retry.AttemptReporter;
import io.rebound.worker.retry.DeadLetterRecoverer;
import io.rebound.worker.retry.RetryDelays;
import io.rebound.worker.retry.ScheduledRetry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Conditional;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Makes an attempt's outcome durable: the {@code completed} event, the record on the retry topic, or the dead letter.
 * The future it returns completes only once the broker has it, and that is when the listener container may commit the
 * record's offset. A write that fails (broker down, topic missing) is tried again with back-off until it succeeds, so
 * the future never completes exceptionally: spring-kafka acknowledges a record whose future failed before its error
 * handler runs, and a crash between the two would lose the record.
 */
@Component
@Conditional(NonBlockingRetryMode.class)
class OutcomeWriter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    private final AttemptRunner attempts;
    private final DeadLetterRecoverer deadLetters;
    private final DeadLetterPublishingRecoverer retries;
    private final RetryDelays delays;
    private final AttemptReporter reporter;
    private final UnreadRetries unread;
    private final ScheduledExecutorService again = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "outcome-retry");
        thread.setDaemon(true);
        return thread;
    });

    OutcomeWriter(
            AttemptRunner attempts,
            DeadLetterRecoverer deadLetters,
            @Qualifier("retryPublisher") DeadLetterPublishingRecoverer retries,
            RetryDelays delays,
            AttemptReporter reporter,
            UnreadRetries unread) {
        this.attempts = attempts;
        this.deadLetters = deadLetters;
        this.retries = retries;
        this.delays = delays;
        this.reporter = reporter;
        this.unread = unread;
    }

    CompletableFuture<Void> completed(
            ConsumerRecord<String, byte[]> record, OperationRequested request, int attempt, String result) {
        return durably(record, "completed status", () -> attempts.complete(request, attempt, result), null);
    }

    /** To the retry topic when a retry is left, else to the dead-letter topic. */
    CompletableFuture<Void> failed(ConsumerRecord<String, byte[]> record, AiCallFailure failure) {
        long delay = delays.after(failure.attempt(), failure.classification());
        if (delay == RetryDelays.STOP) {
            return deadLetter(record, failure, failure.request());
        }
        Instant dueAt = Instant.now().plusMillis(delay);
        reporter.retrying(failure, delay);
        ScheduledRetry retry = new ScheduledRetry(failure, dueAt);
        // Before the write (which is tried until it succeeds), so that a read of the record always comes after.
        unread.written(failure, dueAt);
        return durably(
                record,
                "retry record",
                () -> retries.accept(record, null, retry),
                () -> excerptDeadLetter(record, failure, failure.request()));
    }

    /**
     * A dead letter too large to write whole is written as an excerpt by the recoverer itself.
     *
     * @param request the operation, or null for a record that could not be read (it finishes no operation)
     */
    CompletableFuture<Void> deadLetter(
            ConsumerRecord<String, byte[]> record, Exception cause, OperationRequested request) {
        return durably(record, "dead letter", () -> writeDeadLetter(record, cause, request), null);
    }

    private void writeDeadLetter(ConsumerRecord<String, byte[]> written, Exception cause, OperationRequested request) {
        deadLetters.accept(written, null, cause);
        finished(request);
    }

    /**
     * A retry the retry topic cannot carry whole (larger than the topic or the producer takes, with the failure's
     * headers) would hold its partition's offset for good: it is dead-lettered as an excerpt instead.
     */
    private void excerptDeadLetter(ConsumerRecord<String, byte[]> record, Exception cause, OperationRequested request) {
        deadLetters.excerpt(record, null, cause, request == null ? null : request.operationId());
        finished(request);
    }

    private void finished(OperationRequested request) {
        if (request != null) {
            attempts.finished(request.operationId());
        }
    }

    private CompletableFuture<Void> durably(
            ConsumerRecord<String, byte[]> record, String what, Runnable write, Runnable whenTooLarge) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(record, what, write, whenTooLarge, done, FIRST_WAIT);
        return done;
    }

    /** Writes until the broker has it; a write too large to ever succeed is replaced, once, by {@code whenTooLarge}. */
    private void attempt(
            ConsumerRecord<String, byte[]> record,
            String what,
            Runnable write,
            Runnable whenTooLarge,
            CompletableFuture<Void> done,
            Duration wait) {
        try {
            write.run();
            done.complete(null);
        } catch (RuntimeException e) {
            if (whenTooLarge != null && tooLarge(e)) {
                log.warn(
                        "{} too large to write whole; dead-lettering an excerpt topic={} partition={} offset={}"
                                + " key=\"{}\" value_bytes={} error=\"{}\"",
                        what,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        LogValue.of(record.key()),
                        record.value() == null ? 0 : record.value().length,
                        LogValue.of(e));
                attempt(record, "dead letter excerpt", whenTooLarge, null, done, FIRST_WAIT);
                return;
            }
            log.error(
                    "{} publish failed; record stays uncommitted and is published again topic={} partition={}"
                            + " offset={} key=\"{}\" retry_in_ms={} error=\"{}\"",
                    what.equals("dead letter") ? "dead-letter" : what,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    LogValue.of(record.key()),
                    wait.toMillis(),
                    LogValue.of(e));
            Duration next = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            try {
                again.schedule(
                        () -> attempt(record, what, write, whenTooLarge, done, next),
                        wait.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                log.warn(
                        "worker is stopping; {} of \"{}\" not written, the record will be delivered again",
                        what,
                        LogValue.of(record.key()));
            }
        }
    }

    /** The broker or the producer refuses the record for what it is: trying again cannot help. */
    private static boolean tooLarge(Throwable failure) {
        return DeadLetterRecoverer.refusedForWhatItIs(failure);
    }

    @Override
    public void destroy() {
        again.shutdownNow();
    }
}
