package io.rebound.gateway.security;

import io.rebound.gateway.web.Problems;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Cookie sign-in for the SPA. Scripts use HTTP Basic and never need these endpoints. */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    private final AuthenticationManager authenticationManager;
    private final SecurityContextRepository contextRepository;
    private final SessionAuthenticationStrategy signIn;

    AuthController(
            AuthenticationManager authenticationManager,
            SecurityContextRepository contextRepository,
            SessionAuthenticationStrategy signIn) {
        this.authenticationManager = authenticationManager;
        this.contextRepository = contextRepository;
        this.signIn = signIn;
    }

    record LoginRequest(@NotBlank String email, @NotBlank String password) {}

    record Me(String email, String displayName, List<String> roles) {
        static Me of(CurrentUser user) {
            return new Me(user.email(), user.displayName(), user.roles());
        }
    }

    record Csrf(String cookieName, String headerName) {}

    /**
     * Sets the {@code XSRF-TOKEN} cookie. Clients echo the cookie's value in the {@code X-XSRF-TOKEN} header of every
     * state-changing request; the token changes at sign-in, so read the cookie each time.
     */
    @GetMapping("/csrf")
    Csrf csrf(@Parameter(hidden = true) CsrfToken token) {
        token.getToken(); // loads the deferred token, which writes the cookie
        return new Csrf("XSRF-TOKEN", token.getHeaderName());
    }

    @PostMapping("/login")
    Me login(@Valid @RequestBody LoginRequest login, HttpServletRequest request, HttpServletResponse response) {
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(
                login.email().trim(), login.password());
        attempt.setDetails(new WebAuthenticationDetails(request)); // the client address, for throttling
        Authentication authentication = authenticationManager.authenticate(attempt);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        signIn.onAuthentication(authentication, request, response);
        contextRepository.saveContext(context, request, response);
        return Me.of((CurrentUser) authentication.getPrincipal());
    }

    /** Here rather than in the API's advice: the answer is the security package's, with its Retry-After. */
    @ExceptionHandler(SignInThrottledException.class)
    ResponseEntity<ProblemDetail> throttled(SignInThrottledException e) {
        ProblemDetail problem = e.problem();
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(Problems.retryAfterSeconds(e.retryAfter())))
                .body(problem);
    }

    /** The signed-in user, or 204 No Content when nobody is signed in. */
    @GetMapping("/me")
    @ApiResponses({
        @ApiResponse(responseCode = "200", description = "The signed-in user"),
        @ApiResponse(responseCode = "204", description = "Nobody is signed in", content = @Content)
    })
    ResponseEntity<Me> me(@AuthenticationPrincipal CurrentUser user) {
        return user == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(Me.of(user));
    }
}
