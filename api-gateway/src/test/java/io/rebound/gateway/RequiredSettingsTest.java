package io.rebound.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** Outside the local profile the gateway does not start without its database and scrape credential. */
class RequiredSettingsTest {

    @Test
    void withoutTheDatabaseSettingsTheGatewayRefusesToStartAndSaysWhich() {
        assertThatThrownBy(() -> start("--rebound.metrics.password=x"))
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("SPRING_DATASOURCE_URL (spring.datasource.url)")
                .hasMessageContaining("SPRING_DATASOURCE_USERNAME")
                .hasMessageContaining("SPRING_DATASOURCE_PASSWORD")
                .message()
                .doesNotContain("REBOUND_METRICS_PASSWORD");
    }

    @Test
    void withoutAScrapeCredentialTheGatewayRefusesToStart() {
        assertThatThrownBy(() -> start(
                        "--spring.datasource.url=jdbc:postgresql://db/rebound",
                        "--spring.datasource.username=u",
                        "--spring.datasource.password=p"))
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("REBOUND_METRICS_PASSWORD");
    }

    @Test
    void theLocalProfileHasEveryValueItNeeds() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
        for (String file : new String[] {"application-local.yml", "application.yml"}) {
            for (PropertySource<?> source : yaml.load(file, new ClassPathResource(file))) {
                environment.getPropertySources().addLast(source);
            }
        }
        RequiredSettings settings = new RequiredSettings();
        settings.setEnvironment(environment);

        assertThatCode(() -> settings.postProcessBeanFactory(new DefaultListableBeanFactory()))
                .doesNotThrowAnyException();
    }

    @Test
    void theFailureIsPrintedWithWhatToDo() {
        FailureAnalysis analysis = new MissingSettingsException.Analyzer()
                .analyze(new MissingSettingsException(
                        java.util.List.of("SPRING_DATASOURCE_URL (spring.datasource.url)")));

        assertThat(analysis.getDescription()).contains("refuses to start").contains("SPRING_DATASOURCE_URL");
        assertThat(analysis.getAction()).contains("SPRING_PROFILES_ACTIVE=local");
    }

    private static void start(String... args) {
        SpringApplication application = new SpringApplication(GatewayApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args).close();
    }
}
