package io.rebound.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailureWindowsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void aKeyIsBlockedAfterMaxFailuresUntilTheOldestLeavesTheWindow() {
        FailureWindows windows = new FailureWindows(3, WINDOW, 100);
        windows.failed("ada", T0);
        windows.failed("ada", T0.plusSeconds(60));
        assertThat(windows.blockedFor("ada", T0.plusSeconds(61))).isEmpty();
        windows.failed("ada", T0.plusSeconds(120));

        assertThat(windows.blockedFor("ada", T0.plusSeconds(121))).contains(Duration.ofSeconds(179));
        assertThat(windows.blockedFor("ada", T0.plus(WINDOW))).isEmpty();
        assertThat(windows.blockedFor("bob", T0.plusSeconds(121))).isEmpty();
    }

    @Test
    void forgettingAKeyUnblocksIt() {
        FailureWindows windows = new FailureWindows(1, WINDOW, 100);
        windows.failed("ada", T0);
        windows.forget("ada");

        assertThat(windows.blockedFor("ada", T0)).isEmpty();
    }

    @Test
    void pastItsBoundNewKeysAreNotTrackedUntilExpiredOnesAreSwept() {
        FailureWindows windows = new FailureWindows(1, WINDOW, 2);
        windows.failed("a", T0);
        windows.failed("b", T0);
        windows.failed("c", T0.plusSeconds(1));
        assertThat(windows.blockedFor("c", T0.plusSeconds(2))).isEmpty();

        windows.failed("c", T0.plus(WINDOW).plusSeconds(1)); // a and b have expired: swept, c is tracked

        assertThat(windows.blockedFor("c", T0.plus(WINDOW).plusSeconds(2))).isPresent();
    }

    @Test
    void anIpv6ClientIsItsSlash64AndAnIpv4ClientItsAddress() {
        assertThat(SignInThrottle.addressKey("2001:db8:1:2:aaaa::1"))
                .isEqualTo(SignInThrottle.addressKey("2001:db8:1:2:bbbb::9"))
                .isNotEqualTo(SignInThrottle.addressKey("2001:db8:1:3::1"));
        assertThat(SignInThrottle.addressKey("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(SignInThrottle.accountKey("  Ada@Example.com ")).isEqualTo("ada@example.com");
    }
}
