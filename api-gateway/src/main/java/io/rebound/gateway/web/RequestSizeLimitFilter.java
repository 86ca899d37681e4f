package io.rebound.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies over 1 MiB with 413 before anything reads them: no request of the API needs more (an answer
 * is at most 10,000 characters), and a huge body should cost the gateway nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    static final long MAX_BODY_BYTES = 1024 * 1024;

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType("application/problem+json");
            json.writeValue(
                    response.getOutputStream(),
                    Problems.body(Problems.of(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "PAYLOAD_TOO_LARGE",
                            "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB.")));
            return;
        }
        chain.doFilter(request, response);
    }
}
