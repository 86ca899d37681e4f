package io.rebound.gateway.web;

import io.rebound.gateway.DatabaseOutage;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Every error of the API as RFC 9457 problem+json with a stable {@code code}; nothing internal leaks out. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final long maxBodyBytes;

    ApiExceptionHandler(HttpLimits limits) {
        this.maxBodyBytes = limits.maxBodyBytes();
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return Problems.of(
                HttpStatus.BAD_REQUEST,
                "INVALID_PARAMETER",
                "\"" + shown(e.getValue()) + "\" is not a valid " + e.getName() + ": expected "
                        + expected(e.getRequiredType()) + ".");
    }

    /** The bad value as sent, cut short: it comes from the address bar and is echoed only as far as it helps. */
    private static String shown(Object value) {
        String text = String.valueOf(value);
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static String expected(Class<?> type) {
        if (type == java.util.UUID.class) {
            return "an id of 36 letters, digits and dashes, like 3f2b8c1e-5d6a-4b7c-9e8f-0a1b2c3d4e5f;"
                    + " check the link you followed";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == java.time.Instant.class) {
            return "a date and time like 2025-01-01T10:00:00Z";
        }
        if (type != null && type.isEnum()) {
            return "one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT))
                            .collect(java.util.stream.Collectors.joining(", "));
        }
        return type == null ? "a different value" : "a " + type.getSimpleName();
    }

    @ExceptionHandler(AuthenticationException.class)
    ProblemDetail badCredentials(AuthenticationException e) {
        return Problems.of(HttpStatus.UNAUTHORIZED, "BAD_CREDENTIALS", "Wrong email or password.");
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ProblemDetail unavailable(RuntimeException e) {
        log.warn("database unavailable: {}", e.toString());
        ProblemDetail problem = Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "SERVICE_UNAVAILABLE",
                "Rebound cannot reach its database right now. Nothing was saved; try again in a few seconds.");
        problem.setProperty("retry_after_seconds", 5);
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        if (DatabaseOutage.isOutage(e)) {
            // e.g. the database went away mid-transaction and the failed rollback hid the connection error
            return unavailable(new DataAccessResourceFailureException(e.toString(), e));
        }
        log.error("unexpected error", e);
        return Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Something went wrong on our side. Try again.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail));
    }

    /** A body cut off at the size limit, or over Jackson's limits, is too large rather than malformed. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (BodyTooLargeException.causedBy(e)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .header(HttpHeaders.CONNECTION, "close")
                    .body(RequestSizeLimitFilter.tooLarge(maxBodyBytes));
        }
        StreamConstraintsException limit = StreamLimits.cause(e);
        if (limit != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(Problems.of(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "PAYLOAD_TOO_LARGE",
                            "The request body is over a JSON limit: " + limit.getOriginalMessage()));
        }
        return super.handleHttpMessageNotReadable(e, headers, status, request);
    }

    /** Spring's own errors (unreadable JSON, wrong method, unknown path, ...) get a code too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null
                && response.getBody() instanceof ProblemDetail problem
                && problem.getProperties() == null) {
            ProblemDetail coded = Problems.of(status, codeFor(status), detailFor(e, problem));
            return ResponseEntity.status(status).headers(response.getHeaders()).body(coded);
        }
        return response;
    }

    private static String codeFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "HTTP_" + status.value() : known.name();
    }

    private static String detailFor(Exception e, ProblemDetail problem) {
        if (e instanceof HttpMessageNotReadableException) {
            if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
                return "Unknown field '" + unknown.getPropertyName() + "'; the known fields are "
                        + unknown.getKnownPropertyIds() + ".";
            }
            if (e.getCause() instanceof MismatchedInputException mismatch
                    && !mismatch.getPath().isEmpty()) {
                return "Field '"
                        + mismatch.getPath().get(mismatch.getPath().size() - 1).getPropertyName()
                        + "' has the wrong type or shape.";
            }
            return "The request body is not valid JSON of the expected shape.";
        }
        return problem.getDetail();
    }
}
