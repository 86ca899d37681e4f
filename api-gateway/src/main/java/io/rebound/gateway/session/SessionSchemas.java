package io.rebound.gateway.session;

import io.rebound.gateway.web.ApiSchemas;
import java.util.Arrays;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The kinds of message in the API document, from the enum that writes them. */
@Configuration(proxyBeanMethods = false)
class SessionSchemas {

    @Bean
    OpenApiCustomizer messageKinds() {
        return api -> ApiSchemas.enumerate(
                api,
                "Message",
                "kind",
                Arrays.stream(SessionMessage.Kind.values())
                        .map(kind -> kind.name().toLowerCase())
                        .toList());
    }
}
