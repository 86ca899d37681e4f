package io.rebound.worker.retry;

import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import io.rebound.common.Causes;
import io.rebound.common.ErrorCode;
import io.rebound.common.InvalidEventException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.stereotype.Component;

/**
 * Decides whether a failed AI call is transient (retry with back-off) or permanent (dead-letter at once).
 * Transient: timeouts, connection failures, HTTP 408, 409, 429 and 5xx. Permanent: other 4xx, quota exhaustion, refusals
 * and invalid events. A provider's {@code x-should-retry} header overrides the status.
 */
@Component
public class FailureClassifier {

    public Classification classify(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof OpenAIServiceException service) {
            return classifyHttp(service);
        }
        if (Causes.find(cause, DeserializationException.class) != null
                || Causes.find(cause, InvalidEventException.class) != null) {
            return permanent(ErrorCode.INVALID_REQUEST, null, Causes.root(cause));
        }
        if (Causes.find(cause, OperationExpiredException.class) != null) {
            return permanent(ErrorCode.TIMED_OUT, null, Causes.find(cause, OperationExpiredException.class));
        }
        if (Causes.find(cause, ContentRefusedException.class) != null) {
            return permanent(ErrorCode.AI_REJECTED, null, cause);
        }
        if (isTimeout(cause)) {
            return transientFailure(ErrorCode.AI_TIMEOUT, null, null, cause);
        }
        if (cause instanceof OpenAIIoException || Causes.find(cause, IOException.class) != null) {
            return transientFailure(ErrorCode.AI_UNAVAILABLE, null, null, cause);
        }
        return permanent(ErrorCode.INTERNAL_ERROR, null, cause);
    }

    private Classification classifyHttp(OpenAIServiceException e) {
        int status = e.statusCode();
        Optional<Boolean> shouldRetry = header(e, "x-should-retry").map(Boolean::parseBoolean);
        if (status == 429) {
            boolean quota = "insufficient_quota".equals(e.code().orElse(null))
                    || "insufficient_quota".equals(e.type().orElse(null));
            return quota
                    ? permanent(ErrorCode.AI_QUOTA_EXCEEDED, status, e)
                    : transientFailure(ErrorCode.AI_RATE_LIMITED, status, retryAfter(e), e);
        }
        boolean retryable = shouldRetry.orElse(status == 408 || status == 409 || status >= 500);
        ErrorCode code = status == 408 ? ErrorCode.AI_TIMEOUT : codeForStatus(status);
        return retryable ? transientFailure(code, status, retryAfter(e), e) : permanent(code, status, e);
    }

    private static ErrorCode codeForStatus(int status) {
        return switch (status) {
            case 401, 403, 404 -> ErrorCode.AI_CONFIGURATION;
            case 400, 422 -> ErrorCode.INVALID_REQUEST;
            default -> status >= 500 || status == 409 ? ErrorCode.AI_UNAVAILABLE : ErrorCode.INVALID_REQUEST;
        };
    }

    /** {@code retry-after-ms} first (OpenAI's own), then {@code Retry-After} in seconds or as an HTTP date. */
    static Duration retryAfter(OpenAIServiceException e) {
        Optional<Duration> millis = header(e, "retry-after-ms").flatMap(v -> parse(v, Duration::ofMillis));
        if (millis.isPresent()) {
            return millis.get();
        }
        return header(e, "retry-after")
                .flatMap(v -> parse(v, Duration::ofSeconds).or(() -> httpDate(v)))
                .orElse(null);
    }

    private static Optional<Duration> parse(String value, java.util.function.LongFunction<Duration> unit) {
        try {
            double amount = Double.parseDouble(value.trim());
            return amount < 0 ? Optional.empty() : Optional.of(unit.apply((long) Math.ceil(amount)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> httpDate(String value) {
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> header(OpenAIServiceException e, String name) {
        List<String> values = e.headers().values(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static boolean isTimeout(Throwable cause) {
        return Causes.anyOf(cause, InterruptedIOException.class, HttpTimeoutException.class, TimeoutException.class);
    }

    /** Strips Spring's listener wrappers and our own {@link AiCallFailure} to reach the real error. */
    private static Throwable unwrap(Throwable failure) {
        AiCallFailure call = Causes.find(failure, AiCallFailure.class);
        if (call != null && call.getCause() != null) {
            return call.getCause();
        }
        Throwable current = failure;
        while (current.getCause() != null
                && current.getClass().getName().startsWith("org.springframework.kafka.listener")) {
            current = current.getCause();
        }
        return current;
    }

    private static Classification transientFailure(
            ErrorCode code, Integer status, Duration retryAfter, Throwable cause) {
        return new Classification(
                true, code, status, retryAfter, cause.getClass().getSimpleName(), cause.getMessage());
    }

    private static Classification permanent(ErrorCode code, Integer status, Throwable cause) {
        return new Classification(false, code, status, null, cause.getClass().getSimpleName(), cause.getMessage());
    }
}
