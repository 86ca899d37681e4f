package io.rebound.gateway.operation;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much AI work one person may ask for through the API, under {@code rebound.gateway.user-limits}. Operations that
 * other services write onto Kafka ({@code source: external}) and redrives by an SRE are not counted: the gateway
 * learns of the first only once a worker runs them, and the second are an admin's decision.
 *
 * @param maxOpenOperations operations of one user that may be pending or processing at once
 * @param maxOperationsPerMinute operations one user may start within any 60 seconds
 */
@Validated
@ConfigurationProperties("rebound.gateway.user-limits")
public record UserLimitsProperties(
        @DefaultValue("50") @Min(1) int maxOpenOperations,
        @DefaultValue("120") @Min(1) int maxOperationsPerMinute) {}
