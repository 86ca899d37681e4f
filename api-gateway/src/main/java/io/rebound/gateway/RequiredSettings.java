package io.rebound.gateway;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Fails closed: outside the local profile (whose application-local.yml holds the demo values) the gateway does not
 * start without the settings that reach other systems or guard it, instead of guessing a database or running with an
 * empty password. Checked before any bean is created, so the message names the settings, not a connection error.
 */
@Component
class RequiredSettings implements BeanFactoryPostProcessor, EnvironmentAware {

    /** Property → the environment variable that sets it. */
    static final Map<String, String> REQUIRED = Map.of(
            "spring.datasource.url", "SPRING_DATASOURCE_URL",
            "spring.datasource.username", "SPRING_DATASOURCE_USERNAME",
            "spring.datasource.password", "SPRING_DATASOURCE_PASSWORD",
            "rebound.metrics.password", "REBOUND_METRICS_PASSWORD");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> missing = REQUIRED.entrySet().stream()
                .filter(setting -> environment.getProperty(setting.getKey(), "").isBlank())
                .map(setting -> setting.getValue() + " (" + setting.getKey() + ")")
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
    }
}
