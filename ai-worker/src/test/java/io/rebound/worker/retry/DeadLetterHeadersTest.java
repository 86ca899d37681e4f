package io.rebound.worker.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.common.ErrorCode;
import io.rebound.worker.WorkerProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

class DeadLetterHeadersTest {

    private static final int BOUND = 600;
    private static final WorkerProperties.Retry RETRY = new WorkerProperties.Retry(
            Duration.ofSeconds(1),
            2.0,
            Duration.ofSeconds(4),
            3,
            Duration.ofMillis(100),
            Duration.ofSeconds(30),
            BOUND,
            WorkerProperties.RetryMode.NON_BLOCKING);

    private final FailureClassifier classifier = new FailureClassifier();

    @Test
    void describesAFailedAttemptWithCodeReasonAttemptsAndStatus() {
        Classification classification = new Classification(
                true, ErrorCode.AI_UNAVAILABLE, 503, null, "InternalServerException", "503: overloaded");
        AiCallFailure failure =
                AiCallFailure.of(FailureClassifierTest.request(), 4, classification, new IllegalStateException("503"));

        Headers headers = DeadLetterHeaders.forFailure(
                classifier, new ListenerExecutionFailedException("listener failed", failure), RETRY);

        assertThat(value(headers, DeadLetterHeaders.ERROR_CODE)).isEqualTo("AI_UNAVAILABLE");
        assertThat(value(headers, DeadLetterHeaders.REASON)).isEqualTo("InternalServerException: 503: overloaded");
        assertThat(value(headers, DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(value(headers, DeadLetterHeaders.HTTP_STATUS)).isEqualTo("503");
        assertThat(value(headers, DeadLetterHeaders.TRANSIENT)).isEqualTo("true");
    }

    @Test
    void theStackTraceStartsAtTheFailedAttemptNotAtTheContainerWrapper() {
        Classification classification =
                new Classification(false, ErrorCode.INVALID_REQUEST, 400, null, "BadRequestException", "400");
        AiCallFailure failure =
                AiCallFailure.of(FailureClassifierTest.request(), 1, classification, new IllegalStateException("400"));

        Headers headers = DeadLetterHeaders.forFailure(
                classifier, new ListenerExecutionFailedException("listener failed", failure), RETRY);

        assertThat(value(headers, DeadLetterHeaders.STACKTRACE))
                .startsWith("io.rebound.worker.retry.AiCallFailure$Permanent: BadRequestException: 400");
    }

    @Test
    void aFailureOutsideAnAttemptIsClassifiedAndCountsAsOneAttempt() {
        Headers headers = DeadLetterHeaders.forFailure(classifier, new IllegalStateException("boom"), RETRY);

        assertThat(value(headers, DeadLetterHeaders.ERROR_CODE)).isEqualTo("INTERNAL_ERROR");
        assertThat(value(headers, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(headers.lastHeader(DeadLetterHeaders.HTTP_STATUS)).isNull();
    }

    @Test
    void aLongStackTraceIsCutToTheBoundIncludingTheMarker() {
        String trace = DeadLetterHeaders.boundedStackTrace(deepFailure(100), BOUND);

        assertThat(trace).hasSize(BOUND).endsWith("... (truncated)");
    }

    @Test
    void aShortStackTraceIsKeptWhole() {
        IllegalStateException failure = new IllegalStateException("short");
        failure.setStackTrace(new StackTraceElement[0]);

        assertThat(DeadLetterHeaders.boundedStackTrace(failure, BOUND))
                .isEqualTo("java.lang.IllegalStateException: short" + System.lineSeparator());
    }

    @Test
    void aMessageQuotingTheWholeRecordIsCutInTheReasonAndTheExceptionMessage() {
        String huge = "Cannot deserialize from String value ('" + "x".repeat(500_000) + "')";

        Headers headers = DeadLetterHeaders.forFailure(
                classifier,
                new ListenerExecutionFailedException("listener failed", new IllegalArgumentException(huge)),
                RETRY);

        assertThat(value(headers, DeadLetterHeaders.REASON))
                .hasSize(DeadLetterHeaders.MESSAGE_MAX_CHARS)
                .startsWith("IllegalArgumentException: Cannot deserialize from String value ('xxx")
                .endsWith("... (cut)");
        assertThat(value(headers, DeadLetterHeaders.EXCEPTION_MESSAGE))
                .hasSize(DeadLetterHeaders.MESSAGE_MAX_CHARS)
                .startsWith("listener failed; Cannot deserialize")
                .endsWith("... (cut)");
        int total = 0;
        for (var header : headers) {
            total += header.key().length() + header.value().length;
        }
        assertThat(total).isLessThan(2 * DeadLetterHeaders.MESSAGE_MAX_CHARS + BOUND + 1_000);
    }

    @Test
    void theExceptionMessageNamesTheErrorAndItsCauseAsSpringKafkaDoes() {
        Headers headers = DeadLetterHeaders.forFailure(
                classifier,
                new ListenerExecutionFailedException("listener failed", new IllegalStateException("boom")),
                RETRY);

        assertThat(value(headers, DeadLetterHeaders.EXCEPTION_MESSAGE)).isEqualTo("listener failed; boom");
    }

    private static RuntimeException deepFailure(int depth) {
        return depth == 0 ? new IllegalStateException("deep") : deepFailure(depth - 1);
    }

    private static String value(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
