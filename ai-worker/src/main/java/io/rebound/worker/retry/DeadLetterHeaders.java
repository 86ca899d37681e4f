package io.rebound.worker.retry;

import io.rebound.common.Causes;
import io.rebound.common.kafka.DeadLetterHeaderNames;
import io.rebound.worker.WorkerProperties;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.SingleRecordHeader;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Headers Rebound adds to every dead letter beside spring-kafka's {@code kafka_dlt-*}: a stable error code the gateway
 * turns into the user's message, and a readable reason for SREs. The stack trace replaces spring-kafka's unbounded one.
 */
public final class DeadLetterHeaders {

    public static final String ERROR_CODE = DeadLetterHeaderNames.ERROR_CODE;
    public static final String REASON = DeadLetterHeaderNames.REASON;
    public static final String HTTP_STATUS = "rebound_http_status";
    public static final String ATTEMPTS = DeadLetterHeaderNames.ATTEMPTS;
    public static final String TRANSIENT = DeadLetterHeaderNames.TRANSIENT;
    /** The class of the error behind the failure (e.g. the AI SDK's), which SREs group dead letters by. */
    public static final String EXCEPTION_CLASS = DeadLetterHeaderNames.EXCEPTION_CLASS;
    /** The simple class name of the failed attempt's error, as status events and attempt rows carry it. */
    public static final String ERROR_CLASS = "rebound_error_class";

    /** On {@code operations.requested-retry}: the number of the attempt this record is for (2 for the first retry). */
    public static final String NEXT_ATTEMPT = "rebound_next_attempt";
    /** On {@code operations.requested-retry}: when that attempt is due, epoch milliseconds. */
    public static final String DUE_AT = "rebound_due_at";

    /** See {@link DeadLetterHeaderNames#ORIGINAL_SIZE}; empty on a whole dead letter. */
    public static final String ORIGINAL_SIZE = DeadLetterHeaderNames.ORIGINAL_SIZE;

    /** See {@link DeadLetterHeaderNames#OPERATION_ID}; empty unless the dead letter is an excerpt. */
    public static final String OPERATION_ID = DeadLetterHeaderNames.OPERATION_ID;

    public static final String STACKTRACE = "kafka_dlt-exception-stacktrace";
    public static final String EXCEPTION_MESSAGE = KafkaHeaders.DLT_EXCEPTION_MESSAGE;

    /**
     * The reason and exception-message headers are cut to this many characters: an error's message can quote the
     * whole record (Jackson quotes a JSON string value it cannot map), and a dead letter that no longer fits its topic
     * is never written.
     */
    static final int MESSAGE_MAX_CHARS = 2_000;

    private static final String TRUNCATED = "\n\t... (truncated)";
    private static final String CUT = " ... (cut)";

    private DeadLetterHeaders() {}

    /** Headers for a record about to be dead-lettered because of {@code exception}. */
    public static Headers forFailure(FailureClassifier classifier, Exception exception, WorkerProperties.Retry retry) {
        AiCallFailure failure = Causes.find(exception, AiCallFailure.class);
        Classification classification = failure != null ? failure.classification() : classifier.classify(exception);
        int attempts = failure != null ? failure.attempt() : 1;
        // The container's ListenerExecutionFailedException adds ~2,500 characters of its own frames and a "Restored
        // Stack Trace" before the real cause, which then fell outside the bound; trace the failed attempt itself.
        Throwable traced = failure != null ? failure : exception;
        Headers headers = of(classification, attempts, traced, retry.stackTraceMaxChars());
        add(
                headers,
                EXCEPTION_CLASS,
                underlyingCause(failure, exception).getClass().getName());
        String message = exceptionMessage(exception);
        if (message != null) {
            add(headers, EXCEPTION_MESSAGE, bounded(message, MESSAGE_MAX_CHARS));
        }
        // Always written, empty when they do not apply: they replace any copies the record's producer put on it, which
        // would otherwise let a record name someone else's operation to the gateway.
        OversizedRecordException oversized = Causes.find(exception, OversizedRecordException.class);
        add(headers, ORIGINAL_SIZE, oversized == null ? "" : Integer.toString(oversized.originalBytes()));
        add(
                headers,
                OPERATION_ID,
                oversized == null || oversized.operationId() == null
                        ? ""
                        : oversized.operationId().toString());
        return headers;
    }

    /** What spring-kafka's own exception-message header says (the error's message, then its cause's), uncut. */
    private static String exceptionMessage(Exception exception) {
        String message = exception.getMessage();
        Throwable cause = exception.getCause();
        if (cause == null || cause == exception || cause.getMessage() == null) {
            return message;
        }
        return message == null ? cause.getMessage() : message + "; " + cause.getMessage();
    }

    private static Throwable underlyingCause(AiCallFailure failure, Exception exception) {
        if (failure != null && failure.getCause() != null) {
            return failure.getCause();
        }
        return Causes.root(exception);
    }

    static Headers of(Classification classification, int attempts, Throwable failure, int stackTraceMaxChars) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, ERROR_CODE, classification.errorCode().name());
        add(headers, REASON, bounded(classification.errorClass() + ": " + classification.message(), MESSAGE_MAX_CHARS));
        add(headers, ERROR_CLASS, classification.errorClass());
        add(headers, TRANSIENT, Boolean.toString(classification.transientFailure()));
        add(headers, ATTEMPTS, Integer.toString(attempts));
        if (classification.httpStatus() != null) {
            add(headers, HTTP_STATUS, classification.httpStatus().toString());
        }
        add(headers, STACKTRACE, boundedStackTrace(failure, stackTraceMaxChars));
        return headers;
    }

    static String boundedStackTrace(Throwable failure, int maxChars) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        String trace = out.toString();
        if (trace.length() <= maxChars) {
            return trace;
        }
        // The marker counts against the bound, so the header never exceeds stackTraceMaxChars.
        return trace.substring(0, Math.max(0, maxChars - TRUNCATED.length())) + TRUNCATED;
    }

    static String bounded(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars - CUT.length()) + CUT;
    }

    /** Due headers for a record that goes to the retry topic; they replace those of an earlier hop. */
    public static Headers forRetry(Headers failure, int nextAttempt, long dueAtEpochMillis) {
        add(failure, NEXT_ATTEMPT, Integer.toString(nextAttempt));
        add(failure, DUE_AT, Long.toString(dueAtEpochMillis));
        return failure;
    }

    /** The last value of a header, or null. */
    public static String read(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Single-record headers: the dead-letter publisher replaces a header of the same name that the record already
     * carries (from its hop through the retry topic) instead of adding a second one.
     */
    private static void add(Headers headers, String name, String value) {
        headers.add(new SingleRecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
