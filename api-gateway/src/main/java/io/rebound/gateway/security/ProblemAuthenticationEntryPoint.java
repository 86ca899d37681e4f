package io.rebound.gateway.security;

import io.rebound.gateway.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers 401 and 403 as problem+json, like every other error. No {@code WWW-Authenticate: Basic} challenge for
 * browser requests, so the SPA shows its own sign-in page instead of the browser's dialog.
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;

    ProblemAuthenticationEntryPoint(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof SignInThrottledException throttled) {
            response.setHeader(
                    HttpHeaders.RETRY_AFTER, String.valueOf(Problems.retryAfterSeconds(throttled.retryAfter())));
            write(response, throttled.problem());
            return;
        }
        // Browsers' fetch requests carry Sec-Fetch-Mode; a Basic challenge would pop up the browser's own dialog.
        if (request.getHeader("Sec-Fetch-Mode") == null && request.getHeader("X-Requested-With") == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"rebound\"");
        }
        write(response, Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Sign in to continue."));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        // Nobody signed in: the answer is "sign in", whatever else (such as a CSRF token) is missing too.
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current == null || current instanceof AnonymousAuthenticationToken || !current.isAuthenticated()) {
            commence(request, response, null);
            return;
        }
        write(
                response,
                Problems.of(
                        HttpStatus.FORBIDDEN,
                        "FORBIDDEN",
                        "You are not allowed to do this (or the CSRF token was missing or stale)."));
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType("application/problem+json");
        json.writeValue(response.getOutputStream(), Problems.body(problem));
    }
}
