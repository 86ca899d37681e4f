package io.rebound.worker.management;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The worker serves nothing but its actuator. Health (liveness, readiness) is open to probes; metrics, Prometheus and
 * info need the {@link MetricsCredential} as HTTP Basic; any other path is refused.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // no web server, nothing to secure
class ManagementSecurityConfig {

    @Bean
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole(MetricsCredentialProvider.ROLE)
                        .anyRequest()
                        .denyAll())
                .httpBasic(basic -> basic.realmName("rebound-ai-worker"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** The only credential there is (Boot's generated default user backs off when this bean exists). */
    @Bean
    AuthenticationProvider metricsCredentialProvider(MetricsCredential credential) {
        return new MetricsCredentialProvider(credential);
    }
}
