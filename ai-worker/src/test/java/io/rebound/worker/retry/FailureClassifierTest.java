package io.rebound.worker.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.openai.core.http.Headers;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.errors.UnexpectedStatusCodeException;
import com.openai.errors.UnprocessableEntityException;
import com.openai.models.ErrorObject;
import io.rebound.common.ErrorCode;
import io.rebound.common.InvalidEventException;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationType;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

public class FailureClassifierTest {

    private final FailureClassifier classifier = new FailureClassifier();

    static Stream<Arguments> httpStatuses() {
        return Stream.of(
                arguments(unexpected(408, Headers.builder().build()), true, ErrorCode.AI_TIMEOUT),
                arguments(unexpected(409, Headers.builder().build()), true, ErrorCode.AI_UNAVAILABLE),
                arguments(rateLimit(null, Headers.builder().build()), true, ErrorCode.AI_RATE_LIMITED),
                arguments(serverError(500, Headers.builder().build()), true, ErrorCode.AI_UNAVAILABLE),
                arguments(serverError(502, Headers.builder().build()), true, ErrorCode.AI_UNAVAILABLE),
                arguments(serverError(503, Headers.builder().build()), true, ErrorCode.AI_UNAVAILABLE),
                arguments(serverError(504, Headers.builder().build()), true, ErrorCode.AI_UNAVAILABLE),
                arguments(unexpected(599, Headers.builder().build()), true, ErrorCode.AI_UNAVAILABLE),
                arguments(
                        BadRequestException.builder()
                                .headers(Headers.builder().build())
                                .error(error("invalid_request_error", null))
                                .build(),
                        false,
                        ErrorCode.INVALID_REQUEST),
                arguments(
                        UnauthorizedException.builder()
                                .headers(Headers.builder().build())
                                .error(error("authentication_error", "invalid_api_key"))
                                .build(),
                        false,
                        ErrorCode.AI_CONFIGURATION),
                arguments(
                        PermissionDeniedException.builder()
                                .headers(Headers.builder().build())
                                .error(error("permission_denied", null))
                                .build(),
                        false,
                        ErrorCode.AI_CONFIGURATION),
                arguments(
                        NotFoundException.builder()
                                .headers(Headers.builder().build())
                                .error(error("not_found_error", "model_not_found"))
                                .build(),
                        false,
                        ErrorCode.AI_CONFIGURATION),
                arguments(
                        UnprocessableEntityException.builder()
                                .headers(Headers.builder().build())
                                .error(error("invalid_request_error", null))
                                .build(),
                        false,
                        ErrorCode.INVALID_REQUEST),
                arguments(
                        rateLimit("insufficient_quota", Headers.builder().build()), false, ErrorCode.AI_QUOTA_EXCEEDED),
                arguments(
                        BadRequestException.builder()
                                .headers(Headers.builder()
                                        .put("x-should-retry", "true")
                                        .build())
                                .error(error("invalid_request_error", null))
                                .build(),
                        true,
                        ErrorCode.INVALID_REQUEST),
                arguments(
                        serverError(
                                503,
                                Headers.builder().put("x-should-retry", "false").build()),
                        false,
                        ErrorCode.AI_UNAVAILABLE));
    }

    @ParameterizedTest(name = "HTTP {0} -> transient={1} {2}")
    @MethodSource("httpStatuses")
    void classifiesProviderErrorsByStatusAndHeaders(
            OpenAIServiceException error, boolean transientFailure, ErrorCode code) {
        Classification classification = classifier.classify(error);

        assertThat(classification.transientFailure()).isEqualTo(transientFailure);
        assertThat(classification.errorCode()).isEqualTo(code);
        assertThat(classification.httpStatus()).isEqualTo(error.statusCode());
        assertThat(classification.errorClass()).isEqualTo(error.getClass().getSimpleName());
    }

    static Stream<Arguments> localFailures() {
        return Stream.of(
                arguments(
                        new OpenAIIoException("Request failed", new SocketTimeoutException("timeout")),
                        true,
                        ErrorCode.AI_TIMEOUT),
                arguments(
                        new OpenAIIoException("Request failed", new HttpTimeoutException("request timed out")),
                        true,
                        ErrorCode.AI_TIMEOUT),
                arguments(
                        new OpenAIIoException("Request failed", new ConnectException("Connection refused")),
                        true,
                        ErrorCode.AI_UNAVAILABLE),
                arguments(new ContentRefusedException("the model refused"), false, ErrorCode.AI_REJECTED),
                arguments(new IllegalStateException("a bug"), false, ErrorCode.INTERNAL_ERROR));
    }

    @ParameterizedTest(name = "{0} -> transient={1} {2}")
    @MethodSource("localFailures")
    void classifiesConnectionFailuresRefusalsAndBugs(
            RuntimeException failure, boolean transientFailure, ErrorCode code) {
        Classification classification = classifier.classify(failure);

        assertThat(classification.transientFailure()).isEqualTo(transientFailure);
        assertThat(classification.errorCode()).isEqualTo(code);
        assertThat(classification.httpStatus()).isNull();
        assertThat(classification.retryAfter()).isNull();
    }

    @Test
    void anInvalidEventIsPermanentWithItsReason() {
        Classification classification =
                classifier.classify(new InvalidEventException("invalid OperationRequested: operation_id is missing"));

        assertThat(classification.transientFailure()).isFalse();
        assertThat(classification.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(classification.errorClass()).isEqualTo("InvalidEventException");
        assertThat(classification.message()).isEqualTo("invalid OperationRequested: operation_id is missing");
    }

    @Test
    void aDeserializationFailureIsPermanentWithTheRootReason() {
        byte[] data = "not json".getBytes(StandardCharsets.UTF_8);
        DeserializationException failure = new DeserializationException(
                "failed to deserialize",
                data,
                false,
                new InvalidEventException("unsupported schema_version 7 (supported: 1)"));

        Classification classification = classifier.classify(failure);

        assertThat(classification.transientFailure()).isFalse();
        assertThat(classification.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(classification.message()).isEqualTo("unsupported schema_version 7 (supported: 1)");
    }

    @Test
    void looksThroughTheListenerAndAttemptWrappers() {
        InternalServerException cause = serverError(503, Headers.builder().build());
        AiCallFailure attempt = AiCallFailure.of(request(), 2, classifier.classify(cause), cause);
        ListenerExecutionFailedException wrapped = new ListenerExecutionFailedException("listener failed", attempt);

        Classification classification = classifier.classify(wrapped);

        assertThat(classification.transientFailure()).isTrue();
        assertThat(classification.errorCode()).isEqualTo(ErrorCode.AI_UNAVAILABLE);
        assertThat(classification.httpStatus()).isEqualTo(503);
        assertThat(classification.errorClass()).isEqualTo("InternalServerException");
    }

    @Test
    void readsRetryAfterInSeconds() {
        Classification classification = classifier.classify(
                rateLimit(null, Headers.builder().put("Retry-After", "2").build()));

        assertThat(classification.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void roundsFractionalRetryAfterSecondsUp() {
        Classification classification = classifier.classify(
                rateLimit(null, Headers.builder().put("retry-after", "1.2").build()));

        assertThat(classification.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void prefersRetryAfterMsOverRetryAfter() {
        Headers headers = Headers.builder()
                .put("retry-after", "10")
                .put("retry-after-ms", "1500")
                .build();

        Classification classification = classifier.classify(rateLimit(null, headers));

        assertThat(classification.retryAfter()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void readsRetryAfterAsAnHttpDate() {
        String inOneMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(Instant.now().plusSeconds(60), ZoneOffset.UTC));

        Classification classification = classifier.classify(serverError(
                503, Headers.builder().put("Retry-After", inOneMinute).build()));

        // RFC 1123 dates have whole seconds, and a loaded machine may take a while to get here: a wide lower bound.
        assertThat(classification.retryAfter()).isBetween(Duration.ofSeconds(45), Duration.ofSeconds(60));
    }

    @Test
    void anHttpDateInThePastMeansNoWait() {
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(Instant.now().minusSeconds(60), ZoneOffset.UTC));

        Classification classification = classifier.classify(
                rateLimit(null, Headers.builder().put("retry-after", past).build()));

        assertThat(classification.retryAfter()).isEqualTo(Duration.ZERO);
    }

    @Test
    void ignoresAnUnreadableRetryAfter() {
        Headers headers = Headers.builder()
                .put("retry-after", "soon")
                .put("retry-after-ms", "-5")
                .build();

        Classification classification = classifier.classify(rateLimit(null, headers));

        assertThat(classification.transientFailure()).isTrue();
        assertThat(classification.retryAfter()).isNull();
    }

    @Test
    void aQuotaErrorIgnoresItsRetryAfter() {
        Classification classification = classifier.classify(rateLimit(
                "insufficient_quota", Headers.builder().put("retry-after", "3").build()));

        assertThat(classification.transientFailure()).isFalse();
        assertThat(classification.retryAfter()).isNull();
    }

    private static ErrorObject error(String type, String code) {
        return ErrorObject.builder()
                .message("simulated provider error")
                .type(type)
                .param((String) null)
                .code(code)
                .build();
    }

    private static RateLimitException rateLimit(String code, Headers headers) {
        return RateLimitException.builder()
                .headers(headers)
                .error(error(code == null ? "requests" : code, code == null ? "rate_limit_exceeded" : code))
                .build();
    }

    private static InternalServerException serverError(int status, Headers headers) {
        return InternalServerException.builder()
                .statusCode(status)
                .headers(headers)
                .error(error("server_error", null))
                .build();
    }

    private static UnexpectedStatusCodeException unexpected(int status, Headers headers) {
        return UnexpectedStatusCodeException.builder()
                .statusCode(status)
                .headers(headers)
                .error(error("server_error", null))
                .build();
    }

    /** A valid question-generation request, for tests of other packages too. */
    public static OperationRequested request() {
        return new OperationRequested(
                OperationRequested.SCHEMA_VERSION,
                UUID.randomUUID(),
                OperationType.QUESTION_GENERATION,
                Map.of("role", "Backend engineer"),
                null,
                null,
                null,
                0,
                "unit-test",
                OperationSource.EXTERNAL,
                Instant.now());
    }
}
