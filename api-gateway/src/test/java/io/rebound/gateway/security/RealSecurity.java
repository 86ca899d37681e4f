package io.rebound.gateway.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The gateway's own filter chains for a {@code @WebMvcTest} slice, instead of the slice's default security (which
 * knows no roles, no CSRF cookie and no problem+json 401 or 403). The test class declares
 * {@code @MockitoBean AuthenticationManager}: it stands in for the throttled password check, which is not the
 * controller's to test.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfig.class)
@EnableConfigurationProperties(MetricsCredential.class)
public class RealSecurity {

    /** The password encoder counts its checks; a slice has no metrics set-up of its own. */
    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }
}
