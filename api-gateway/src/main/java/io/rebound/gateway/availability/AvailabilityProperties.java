package io.rebound.gateway.availability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway follows the AI's availability from {@code worker.events}.
 *
 * @param staleAfter an open breaker not announced again for this long belonged to a worker that stopped; more than the
 *     worker's probe interval plus one AI timeout (a probe of a provider that does not answer lasts that long)
 * @param consumerGroupPrefix each gateway reads every worker event, in a group of its own named by this and a random
 *     suffix
 */
@ConfigurationProperties("rebound.availability")
public record AvailabilityProperties(
        @DefaultValue("2m") Duration staleAfter,
        @DefaultValue("rebound-gateway-availability") String consumerGroupPrefix) {

    public AvailabilityProperties {
        if (staleAfter == null || staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("rebound.availability.stale-after must be positive");
        }
    }
}
