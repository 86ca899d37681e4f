package io.rebound.gateway.web;

import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat would refuse an encoded slash ({@code %2F}) itself, with an HTML page. Passing it through lets Spring
 * Security's firewall refuse it instead, with the same problem+json as every other bad request. What Tomcat still
 * refuses itself (a {@code %00} in the URL, a broken header) gets problem+json from {@link ProblemErrorReportValve}.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfig {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheFirewall() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemJsonForTomcatsOwnErrors() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}
