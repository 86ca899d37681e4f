package io.rebound.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Credentials whose BCrypt check passed a moment ago, so a script polling with HTTP Basic pays for BCrypt once per
 * TTL instead of on every request. Keyed by an HMAC of name and password under a random key that lives only in this
 * process: the password itself is never kept, and a key cannot be recomputed without it. Each entry remembers the
 * account's password hash at the time, so a changed password (or a removed account) misses at once.
 */
@Component
class VerifiedCredentials {

    private static final int MAX_ENTRIES = 10_000;
    private static final String HMAC = "HmacSHA256";

    private record Entry(String passwordHash, Instant expiresAt) {}

    private final Duration ttl;
    private final SecretKeySpec key;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    VerifiedCredentials(SignInProperties properties) {
        this.ttl = properties.credentialCacheTtl();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
    }

    /** The password hash this credential was verified against, if it was within the TTL. */
    Optional<String> verifiedHash(String account, String password) {
        String id = id(account, password);
        Entry entry = entries.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.expiresAt().isAfter(Instant.now())) {
            entries.remove(id, entry);
            return Optional.empty();
        }
        return Optional.of(entry.passwordHash());
    }

    void verified(String account, String password, String passwordHash) {
        if (ttl.isZero() || passwordHash == null) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            sweep();
            if (entries.size() >= MAX_ENTRIES) {
                return; // still correct without the cache, just slower
            }
        }
        entries.put(id(account, password), new Entry(passwordHash, Instant.now().plus(ttl)));
    }

    void forget(String account, String password) {
        entries.remove(id(account, password));
    }

    @Scheduled(fixedDelayString = "PT1M")
    void sweep() {
        Instant now = Instant.now();
        entries.values().removeIf(entry -> !entry.expiresAt().isAfter(now));
    }

    private String id(String account, String password) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(SignInThrottle.accountKey(account).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
