package io.rebound.testsupport;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the shared broker, database and simulator. Use it as
 * {@code @ContextConfiguration(initializers = SharedInfrastructureInitializer.class)}; every context that uses it with
 * the same other settings is one entry of Spring's context cache.
 */
public class SharedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** What tests scrape {@code /actuator/prometheus} with, as user {@code prometheus}. */
    public static final String METRICS_PASSWORD = "test-metrics";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.kafka.bootstrap-servers", SharedInfrastructure.kafkaBootstrapServers());
        if (context.getEnvironment().getProperty("rebound.test.database", Boolean.class, true)) {
            properties.put("spring.datasource.url", SharedInfrastructure.jdbcUrl());
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "postgres");
        }
        properties.put(
                "spring.ai.openai.base-url", SharedInfrastructure.simulator().baseUrl() + "/v1");
        properties.put("spring.ai.openai.api-key", "test-key");
        properties.put("rebound.simulator.url", SharedInfrastructure.simulator().baseUrl());
        // The services refuse to start without a scrape credential outside the local profile.
        properties.put("rebound.metrics.password", METRICS_PASSWORD);
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("rebound-shared-infrastructure", properties));
    }
}
