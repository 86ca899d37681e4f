package io.rebound.gateway.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.rebound.gateway.dev.SimulatorController;
import io.rebound.gateway.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two ways in, one filter chain each: the SPA signs in once and then uses a session cookie, with CSRF protection (the
 * {@code XSRF-TOKEN} cookie echoed as {@code X-XSRF-TOKEN}, a new one at every sign-in); scripts send HTTP Basic on
 * every request, which carries no ambient credential and so needs no CSRF token. A request is a script's only when it
 * carries Basic credentials, and then nothing else can authenticate it.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /**
     * The actuator: health (liveness, readiness) is open to probes; metrics, Prometheus and info need the
     * {@link MetricsCredential} as HTTP Basic, and nothing else (no user account, no session) opens them.
     */
    @Bean
    @Order(1)
    SecurityFilterChain actuator(HttpSecurity http, JsonMapper json, MetricsCredential credential) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .hasRole(MetricsCredentialProvider.ROLE))
                .authenticationManager(new ProviderManager(new MetricsCredentialProvider(credential)));
        return statelessBasic(http, json);
    }

    /**
     * Scripts: a request that carries HTTP Basic credentials is authenticated by them alone. Its session cookie, if it
     * has one, is not read, so only the credential itself can authenticate it (a wrong one is 401), and that is what
     * makes skipping CSRF safe here.
     */
    @Bean
    @Order(2)
    SecurityFilterChain basic(HttpSecurity http, JsonMapper json, AuthenticationManager authenticationManager)
            throws Exception {
        http.securityMatcher(SecurityConfig::carriesBasicCredentials)
                .authenticationManager(authenticationManager) // throttled and cached like form sign-in
                .authorizeHttpRequests(SecurityConfig::apiRules);
        return statelessBasic(http, json);
    }

    /**
     * The SPA: the session cookie, with CSRF protection on every state-changing request (whatever other
     * {@code Authorization} header it carries).
     */
    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http, JsonMapper json, CsrfTokenRepository csrfTokens) throws Exception {
        ProblemAuthenticationEntryPoint problems = new ProblemAuthenticationEntryPoint(json);
        http.authorizeHttpRequests(SecurityConfig::apiRules)
                .csrf(csrf -> csrf.spa().csrfTokenRepository(csrfTokens))
                .securityContext(context -> context.securityContextRepository(securityContextRepository()))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .logout(logout -> logout.logoutUrl("/api/v1/auth/logout")
                        .logoutSuccessHandler((request, response, authentication) -> response.setStatus(204)));
        return http.build();
    }

    /** A chain that HTTP Basic alone authenticates: no CSRF, no session, problem+json for 401 and 403. */
    private static SecurityFilterChain statelessBasic(HttpSecurity http, JsonMapper json) throws Exception {
        ProblemAuthenticationEntryPoint problems = new ProblemAuthenticationEntryPoint(json);
        http.httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(
                        context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    private static void apiRules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
        auth.requestMatchers(HttpMethod.GET, "/api/v1/auth/csrf")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/auth/login")
                .permitAll()
                // Asking who is signed in is how the SPA learns that nobody is: 204, not an error the browser logs.
                .requestMatchers(HttpMethod.GET, "/api/v1/auth/me")
                .permitAll()
                // The API description is for the API's users, not for anyone who asks (Swagger UI's page itself is
                // static and fetches it with the signed-in user's cookie).
                .requestMatchers("/v3/api-docs/**")
                .authenticated()
                .requestMatchers("/api/v1/admin/**", SimulatorController.PATH, SimulatorController.PATH + "/**")
                .hasRole("ADMIN")
                .requestMatchers("/api/**")
                .authenticated()
                .anyRequest()
                .permitAll();
    }

    private static boolean carriesBasicCredentials(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** The SPA's token: a cookie it reads and echoes in {@code X-XSRF-TOKEN}. */
    @Bean
    CsrfTokenRepository csrfTokenRepository() {
        return CookieCsrfTokenRepository.withHttpOnlyFalse();
    }

    /**
     * What a cookie sign-in does besides storing the user: a new session id (no fixation) and a new CSRF token, so a
     * token an attacker planted or read before sign-in is worthless after it.
     */
    @Bean
    SessionAuthenticationStrategy signInStrategy(CsrfTokenRepository csrfTokens) {
        return new CompositeSessionAuthenticationStrategy(
                List.of(new ChangeSessionIdAuthenticationStrategy(), new CsrfAuthenticationStrategy(csrfTokens)));
    }

    /** Requests the firewall refuses (encoded slashes, semicolons, traversal) get a problem+json 400 too. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(JsonMapper json) {
        return (request, response, rejected) -> {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType("application/problem+json");
            json.writeValue(
                    response.getOutputStream(),
                    Problems.body(Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "REQUEST_REJECTED",
                            "The request URL contains characters that are not allowed.")));
        };
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /** Form sign-in and HTTP Basic: throttled after failures, a verified credential cached briefly. */
    @Bean
    AuthenticationManager authenticationManager(ThrottledAuthenticationProvider provider) {
        return new ProviderManager(provider);
    }

    @Bean
    PasswordEncoder passwordEncoder(MeterRegistry meters) {
        return new MeteredPasswordEncoder(new BCryptPasswordEncoder(), meters);
    }
}
