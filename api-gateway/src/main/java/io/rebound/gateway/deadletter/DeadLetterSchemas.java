package io.rebound.gateway.deadletter;

import io.rebound.gateway.web.ApiSchemas;
import java.util.Arrays;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The states of a dead letter in the API document, from the enum that writes them. */
@Configuration(proxyBeanMethods = false)
class DeadLetterSchemas {

    @Bean
    OpenApiCustomizer deadLetterStates() {
        return api -> ApiSchemas.enumerate(
                api,
                "DeadLetter",
                "state",
                Arrays.stream(DeadLetterState.values())
                        .map(state -> state.name().toLowerCase())
                        .toList());
    }
}
