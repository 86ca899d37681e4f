package io.rebound.gateway.dev;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The simulator's fault API is a local-profile convenience: a production gateway never has it, whatever it is told. */
class SimulatorControllerTest {

    @Configuration
    @EnableConfigurationProperties(SimulatorProperties.class)
    @Import(SimulatorController.class)
    static class WithTheController {}

    private final ApplicationContextRunner gateway =
            new ApplicationContextRunner().withUserConfiguration(WithTheController.class);

    @Test
    void existsInTheLocalProfileWithASimulatorUrl() {
        gateway.withInitializer(context -> context.getEnvironment().setActiveProfiles("local"))
                .withPropertyValues("rebound.simulator.url=http://localhost:8090")
                .run(context -> assertThat(context).hasSingleBean(SimulatorController.class));
    }

    @Test
    void aSimulatorUrlOutsideTheLocalProfileDoesNotCreateIt() {
        gateway.withInitializer(context -> context.getEnvironment().setActiveProfiles("prod"))
                .withPropertyValues("rebound.simulator.url=http://ai.internal:8090")
                .run(context -> assertThat(context).doesNotHaveBean(SimulatorController.class));
    }

    @Test
    void theLocalProfileWithoutASimulatorUrlDoesNotCreateIt() {
        gateway.withInitializer(context -> context.getEnvironment().setActiveProfiles("local"))
                .run(context -> assertThat(context).doesNotHaveBean(SimulatorController.class));
    }
}
