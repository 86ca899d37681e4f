package io.rebound.gateway.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account name and per client address, in this gateway's memory: password guessing and
 * BCrypt CPU stop being free. Account names are counted whether the account exists or not, so the 429 tells nothing
 * about which do. The client address is the request's remote address as Tomcat reports it: the TCP peer, unless the
 * gateway is told to trust a proxy's {@code X-Forwarded-For} (README, "Sign-in throttling").
 */
@Component
class SignInThrottle {

    /** Bounds the memory a flood of made-up names or addresses can take: roughly 100 bytes a key. */
    private static final int MAX_KEYS = 100_000;

    private final FailureWindows accounts;
    private final FailureWindows addresses;

    SignInThrottle(SignInProperties properties) {
        this.accounts = new FailureWindows(properties.maxFailuresPerAccount(), properties.failureWindow(), MAX_KEYS);
        this.addresses = new FailureWindows(properties.maxFailuresPerAddress(), properties.failureWindow(), MAX_KEYS);
    }

    /** @throws SignInThrottledException if the account name or the address has used up its failures */
    void check(String account, String address) {
        Instant now = Instant.now();
        Optional<Duration> blocked = Stream.of(
                        accounts.blockedFor(accountKey(account), now), addresses.blockedFor(addressKey(address), now))
                .flatMap(Optional::stream)
                .max(Duration::compareTo);
        if (blocked.isPresent()) {
            throw new SignInThrottledException(blocked.get());
        }
    }

    void failed(String account, String address) {
        Instant now = Instant.now();
        accounts.failed(accountKey(account), now);
        addresses.failed(addressKey(address), now);
    }

    /** The account's owner is in: earlier wrong guesses no longer count against it. The address's still do. */
    void succeeded(String account) {
        accounts.forget(accountKey(account));
    }

    @Scheduled(fixedDelayString = "PT1M")
    void sweep() {
        Instant now = Instant.now();
        accounts.sweep(now);
        addresses.sweep(now);
    }

    /** For tests that share one gateway: their failures must not throttle the next test. */
    void forgetAll() {
        accounts.forgetAll();
        addresses.forgetAll();
    }

    static String accountKey(String name) {
        return String.valueOf(name).strip().toLowerCase(Locale.ROOT);
    }

    /** IPv6 clients usually hold a whole /64, so that is what one address is. */
    static String addressKey(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal: no name lookup
            return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "/64" : address;
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
