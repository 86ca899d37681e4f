package io.rebound.gateway.security;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in throttling and the cache of verified HTTP Basic credentials, under {@code rebound.gateway.sign-in}.
 *
 * @param maxFailuresPerAccount failed sign-ins to one account name (existing or not) within {@code failureWindow}
 *     after which further tries get 429 until the oldest of them is out of the window
 * @param maxFailuresPerAddress the same for one client address (IPv6: its /64), whichever accounts it tries
 * @param failureWindow how long a failed sign-in counts
 * @param credentialCacheTtl how long a verified credential is taken without checking its BCrypt hash again
 */
@Validated
@ConfigurationProperties("rebound.gateway.sign-in")
public record SignInProperties(
        @DefaultValue("5") @Min(1) int maxFailuresPerAccount,
        @DefaultValue("20") @Min(1) int maxFailuresPerAddress,
        @DefaultValue("5m") Duration failureWindow,
        @DefaultValue("30s") Duration credentialCacheTtl) {}
