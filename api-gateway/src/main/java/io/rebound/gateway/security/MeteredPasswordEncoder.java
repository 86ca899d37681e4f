package io.rebound.gateway.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Counts password hash checks: each is a BCrypt run, the dearest CPU a sign-in costs. */
final class MeteredPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Counter checks;

    MeteredPasswordEncoder(PasswordEncoder delegate, MeterRegistry meters) {
        this.delegate = delegate;
        this.checks = Counter.builder("rebound.password.checks")
                .description("Password hash checks (BCrypt), for known and unknown accounts alike")
                .register(meters);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        checks.increment();
        return delegate.matches(rawPassword, encodedPassword);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }
}
