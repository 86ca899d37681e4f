package io.rebound.gateway.availability;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AvailabilityConfig {

    @Bean
    AiAvailability aiAvailability(AvailabilityProperties properties) {
        return new AiAvailability(Clock.systemUTC(), properties);
    }
}
