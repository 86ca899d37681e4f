package io.rebound.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Limits request bodies by the bytes read, in front of everything else (Spring Security's filters included): a
 * {@code Content-Length} over the limit is refused before anything reads the body, and a body without one (chunked)
 * is cut off with 413 the moment a reader gets past the limit. The rest of such a body is never read: the connection
 * is closed after the answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final JsonMapper json = JsonMapper.builder().build();
    private final long maxBodyBytes;

    RequestSizeLimitFilter(HttpLimits limits) {
        this.maxBodyBytes = limits.maxBodyBytes();
    }

    /** The answer to a body over {@code maxBodyBytes}, wherever it is noticed. */
    static ProblemDetail tooLarge(long maxBodyBytes) {
        return Problems.of(
                HttpStatus.CONTENT_TOO_LARGE,
                "PAYLOAD_TOO_LARGE",
                "The request body is larger than " + maxBodyBytes / 1024 + " KiB.");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            refuse(response);
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, maxBodyBytes);
        try {
            chain.doFilter(limited, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!limited.exceeded() || response.isCommitted()) {
                throw e;
            }
        }
        // A reader that swallowed the exception (and answered, say, 401) must not hide that the body was too large.
        if (limited.exceeded() && !response.isCommitted()) {
            response.reset();
            refuse(response);
        }
    }

    private void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setContentType("application/problem+json");
        json.writeValue(response.getOutputStream(), Problems.body(tooLarge(maxBodyBytes)));
    }
}
