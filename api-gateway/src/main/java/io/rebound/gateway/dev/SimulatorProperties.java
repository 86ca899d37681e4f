package io.rebound.gateway.dev;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param url the AI simulator's base URL, e.g. {@code http://localhost:8090}; unset outside local runs */
@ConfigurationProperties("rebound.simulator")
record SimulatorProperties(String url) {}
