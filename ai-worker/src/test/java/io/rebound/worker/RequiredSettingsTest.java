package io.rebound.worker;

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

/** Outside the local profile the worker does not start without its AI provider and scrape credential. */
class RequiredSettingsTest {

    @Test
    void withoutTheAiSettingsTheWorkerRefusesToStartAndSaysWhich() {
        assertThatThrownBy(() -> start("--rebound.metrics.password=x"))
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("AI_API_KEY (spring.ai.openai.api-key)")
                .hasMessageContaining("AI_BASE_URL (spring.ai.openai.base-url)")
                .message()
                .doesNotContain("REBOUND_METRICS_PASSWORD");
    }

    @Test
    void withoutAScrapeCredentialTheWorkerRefusesToStart() {
        assertThatThrownBy(() -> start("--spring.ai.openai.api-key=k", "--spring.ai.openai.base-url=http://ai/v1"))
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
                .analyze(new MissingSettingsException(java.util.List.of("AI_API_KEY (spring.ai.openai.api-key)")));

        assertThat(analysis.getDescription()).contains("refuses to start").contains("AI_API_KEY");
        assertThat(analysis.getAction()).contains("SPRING_PROFILES_ACTIVE=local");
    }

    private static void start(String... args) {
        SpringApplication application = new SpringApplication(WorkerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args).close();
    }
}
