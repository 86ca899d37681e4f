package io.rebound.worker.inflight;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.rebound.common.ErrorCode;
import io.rebound.common.InvalidEventException;
import io.rebound.common.OperationRequested;
import io.rebound.common.kafka.OperationRequestedDeserializer;
import io.rebound.worker.NonBlockingRetryMode;
import io.rebound.worker.operation.AttemptRunner;
import io.rebound.worker.retry.AiCallFailure;
import io.rebound.worker.retry.AttemptReporter;
import io.rebound.worker.retry.Classification;
import io.rebound.worker.retry.DeadLetterHeaders;
import io.rebound.worker.status.StatusPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The non-blocking retry mode, from a record to its durable outcome. A record of {@code operations.requested} is
 * attempt 1, due now; one of {@code operations.requested-retry} carries its attempt and due time. Each waits (without
 * a thread) until due, then for a slot of the {@link AttemptDispatcher}; a record that cannot be read is dead-lettered
 * at once. The returned future completes when the outcome is durable.
 */
@Component
@Conditional(NonBlockingRetryMode.class)
class OperationPipeline {

    private static final Logger log = LoggerFactory.getLogger(OperationPipeline.class);
    private static final Duration STATUS_UNREACHABLE_WAIT = Duration.ofSeconds(2);
    private static final ContextSnapshotFactory CONTEXT =
            ContextSnapshotFactory.builder().build();

    private final OperationRequestedDeserializer reader = new OperationRequestedDeserializer();
    private final AttemptDispatcher dispatcher;
    private final AttemptRunner attempts;
    private final OutcomeWriter outcomes;
    private final AttemptReporter reporter;
    private final UnreadRetries unread;

    OperationPipeline(
            AttemptDispatcher dispatcher,
            AttemptRunner attempts,
            OutcomeWriter outcomes,
            AttemptReporter reporter,
            UnreadRetries unread) {
        this.dispatcher = dispatcher;
        this.attempts = attempts;
        this.outcomes = outcomes;
        this.reporter = reporter;
        this.unread = unread;
    }

    /**
     * Never throws: a record it cannot read, or whose retry headers are not what the worker writes, is dead-lettered
     * like any other outcome (an exception would reach the container's error handler, which commits the record's offset
     * past others still running).
     */
    CompletableFuture<Void> accept(ConsumerRecord<String, byte[]> record) {
        OperationRequested request = null;
        try {
            request = reader.deserialize(record.topic(), record.value());
            long next = number(record.headers(), DeadLetterHeaders.NEXT_ATTEMPT, 1);
            if (next < 1 || next > Integer.MAX_VALUE) {
                throw new InvalidEventException(
                        DeadLetterHeaders.NEXT_ATTEMPT + " must be a positive attempt: " + next);
            }
            int attempt = (int) next;
            long due = number(record.headers(), DeadLetterHeaders.DUE_AT, -1);
            Instant dueAt = due < 0 ? Instant.now() : Instant.ofEpochMilli(due);
            if (attempt > 1) {
                unread.read(request.operationId(), attempt);
            }
            Attempt job = new Attempt(
                    record, request, attempt, attempt > 1 ? previousFailure(record.headers(), request, attempt) : null);
            dispatcher.dispatchAt(dueAt, request.requestedBy(), job);
            return job.done;
        } catch (RuntimeException e) {
            return outcomes.deadLetter(record, e, request);
        }
    }

    /** Describes the previous attempt only: a code this worker does not know reads as the transient default. */
    private static ErrorCode errorCode(String code) {
        try {
            return code == null ? ErrorCode.AI_UNAVAILABLE : ErrorCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            return ErrorCode.AI_UNAVAILABLE;
        }
    }

    private static long number(Headers headers, String name, long absent) {
        String value = DeadLetterHeaders.read(headers, name);
        if (value == null) {
            return absent;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
            throw new InvalidEventException(name + " is not a number: '" + shown + "'");
        }
    }

    /** The failed attempt a retry record stands for, as its headers describe it. */
    private static AiCallFailure previousFailure(Headers headers, OperationRequested request, int attempt) {
        String errorClass = DeadLetterHeaders.read(headers, DeadLetterHeaders.ERROR_CLASS);
        String reason = DeadLetterHeaders.read(headers, DeadLetterHeaders.REASON);
        String code = DeadLetterHeaders.read(headers, DeadLetterHeaders.ERROR_CODE);
        String status = DeadLetterHeaders.read(headers, DeadLetterHeaders.HTTP_STATUS);
        String message = reason != null && errorClass != null && reason.startsWith(errorClass + ": ")
                ? reason.substring(errorClass.length() + 2)
                : reason;
        Classification classification = new Classification(
                true,
                errorCode(code),
                status == null || !status.matches("\\d{3}") ? null : Integer.valueOf(status),
                null,
                errorClass == null ? "unknown" : errorClass,
                message);
        return AiCallFailure.of(request, attempt - 1, classification, null);
    }

    private final class Attempt implements AttemptDispatcher.Job {

        private final ConsumerRecord<String, byte[]> record;
        private final OperationRequested request;
        private final int number;
        private final AiCallFailure previous;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        // The listener's observation, so that the attempt's log lines and Kafka sends carry the operation's trace.
        private final ContextSnapshot context = CONTEXT.captureAll();
        private volatile Instant heldUntil;

        Attempt(ConsumerRecord<String, byte[]> record, OperationRequested request, int number, AiCallFailure previous) {
            this.record = record;
            this.request = request;
            this.number = number;
            this.previous = previous;
        }

        @Override
        public void run() {
            try (ContextSnapshot.Scope scope = context.setThreadLocals()) {
                attempt();
            } catch (RuntimeException e) {
                // A fault of the worker's own, not of the AI call: the record ends with the reason rather than holding
                // its slot and its partition's commit for good.
                log.error("attempt {} of operation {} failed unexpectedly", number, request.operationId(), e);
                if (!done.isDone()) {
                    link(outcomes.deadLetter(record, e, request));
                }
            }
        }

        private void attempt() {
            if (attempts.alreadyFinished(request)) {
                done.complete(null);
                return;
            }
            if (attempts.expired(request)) {
                link(outcomes.deadLetter(record, attempts.expiredFailure(request), request));
                return;
            }
            try {
                attempts.announce(request, number);
            } catch (StatusPublisher.StatusPublishException e) {
                // Nothing was called yet: the same attempt again, once the status topic takes events.
                log.warn(
                        "could not announce attempt {} of operation {}, trying again in {}: {}",
                        number,
                        request.operationId(),
                        STATUS_UNREACHABLE_WAIT,
                        e.toString());
                dispatcher.dispatchAt(Instant.now().plus(STATUS_UNREACHABLE_WAIT), request.requestedBy(), this);
                return;
            }
            String result;
            try {
                result = attempts.call(request, number);
            } catch (AiCallFailure failure) {
                link(outcomes.failed(record, failure));
                return;
            }
            link(outcomes.completed(record, request, number, result));
        }

        /** A retry due while the breaker holds it: its next_retry_at moves on, so it never lies in the past. */
        @Override
        public void held(Instant until) {
            Instant shown = heldUntil;
            if (previous != null
                    && (shown == null || shown.isBefore(Instant.now().plusSeconds(1)))) {
                heldUntil = until;
                reporter.report(previous, until);
            }
        }

        private void link(CompletableFuture<Void> outcome) {
            outcome.whenComplete((ignored, failure) -> done.complete(null));
        }
    }
}
