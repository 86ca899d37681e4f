package io.rebound.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one credential that may read the actuator beyond health (metrics, Prometheus, info), under
 * {@code rebound.metrics}: what Prometheus sends as HTTP Basic. Not a user account, so a scrape never costs a
 * database lookup or a BCrypt check.
 *
 * @param username the scraper's user name
 * @param password its password; required outside the local profile
 */
@ConfigurationProperties("rebound.metrics")
public record MetricsCredential(
        @DefaultValue("prometheus") String username,
        @DefaultValue("") String password) {}
