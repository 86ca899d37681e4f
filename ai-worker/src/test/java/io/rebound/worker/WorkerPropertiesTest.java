package io.rebound.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

/**
 * {@code application.yml} names the environment variables of {@link WorkerProperties} with a default each (so that the
 * file reads as the list of settings), and the record has its own for binders without the file: bound as the worker
 * binds them, with no variable set, both agree; a variable overrides its one setting.
 */
class WorkerPropertiesTest {

    @Test
    void withoutEnvironmentVariablesTheFilesDefaultsAreTheRecords() throws IOException {
        WorkerProperties bound = bind(new MockEnvironment());

        assertThat(bound).isEqualTo(new Binder().bindOrCreate("rebound.worker", WorkerProperties.class));
        assertThat(bound.retry().maxRetries()).isEqualTo(3);
        assertThat(bound.retry().initialInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(bound.retry().maxInterval()).isEqualTo(Duration.ofSeconds(4));
        assertThat(bound.retry().mode()).isEqualTo(WorkerProperties.RetryMode.NON_BLOCKING);
        assertThat(bound.breaker().enabled()).isTrue();
        assertThat(bound.partitions()).isEqualTo(12);
        assertThat(bound.deadLetterRetention()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void anEnvironmentVariableOverridesItsSetting() throws IOException {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("REBOUND_RETRY_MAX_RETRIES", "5")
                .withProperty("REBOUND_RETRY_MODE", "blocking")
                .withProperty("REBOUND_BREAKER_ENABLED", "false")
                .withProperty("REBOUND_PARTITIONS", "24");

        WorkerProperties bound = bind(environment);

        assertThat(bound.retry().maxRetries()).isEqualTo(5);
        assertThat(bound.retry().mode()).isEqualTo(WorkerProperties.RetryMode.BLOCKING);
        assertThat(bound.breaker().enabled()).isFalse();
        assertThat(bound.partitions()).isEqualTo(24);
        assertThat(bound.retry().initialInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    private static WorkerProperties bind(MockEnvironment environment) throws IOException {
        new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"))
                .forEach(source -> environment.getPropertySources().addLast(source));
        return Binder.get(environment).bindOrCreate("rebound.worker", WorkerProperties.class);
    }
}
