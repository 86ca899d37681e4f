package io.rebound.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

/**
 * {@code application.yml} names the environment variables of {@link GatewayProperties} with a default each, and the
 * record has its own for binders without the file: bound as the gateway binds them, with no variable set, both agree.
 */
class GatewayPropertiesTest {

    @Test
    void withoutEnvironmentVariablesTheFilesDefaultsAreTheRecords() throws IOException {
        GatewayProperties bound = bind(new MockEnvironment());

        assertThat(bound).isEqualTo(new Binder().bindOrCreate("rebound.gateway", GatewayProperties.class));
        assertThat(bound.partitions()).isEqualTo(12);
        assertThat(bound.deadLetterRetention()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void anEnvironmentVariableOverridesItsSetting() throws IOException {
        GatewayProperties bound = bind(new MockEnvironment().withProperty("REBOUND_PARTITIONS", "24"));

        assertThat(bound.partitions()).isEqualTo(24);
    }

    private static GatewayProperties bind(MockEnvironment environment) throws IOException {
        new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"))
                .forEach(source -> environment.getPropertySources().addLast(source));
        return Binder.get(environment).bindOrCreate("rebound.gateway", GatewayProperties.class);
    }
}
