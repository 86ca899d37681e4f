package io.rebound.gateway.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Every password sign-in, form login and HTTP Basic alike: a credential verified within the cache's TTL is taken
 * without BCrypt; otherwise a throttled account name or address gets 429 before any BCrypt check; otherwise the
 * password is checked (an unknown account against a dummy hash, so it costs the same time) and the outcome counted.
 */
@Component
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final UserDetailsService users;
    private final SignInThrottle throttle;
    private final VerifiedCredentials verified;
    private final Map<String, Counter> outcomes;

    ThrottledAuthenticationProvider(
            UserDetailsService users,
            PasswordEncoder passwordEncoder,
            SignInThrottle throttle,
            VerifiedCredentials verified,
            MeterRegistry meters) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(passwordEncoder);
        this.users = users;
        this.throttle = throttle;
        this.verified = verified;
        this.outcomes = Map.of(
                "succeeded", outcome(meters, "succeeded"),
                "cached", outcome(meters, "cached"),
                "failed", outcome(meters, "failed"),
                "throttled", outcome(meters, "throttled"));
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        if (!(attempt.getCredentials() instanceof String password)) {
            return passwords.authenticate(attempt);
        }
        String account = attempt.getName();
        Optional<Authentication> cached = fromCache(account, password, attempt);
        if (cached.isPresent()) {
            outcomes.get("cached").increment();
            return cached.get();
        }
        try {
            throttle.check(account, clientAddress(attempt));
        } catch (SignInThrottledException e) {
            outcomes.get("throttled").increment();
            throw e;
        }
        try {
            Authentication result = passwords.authenticate(attempt);
            throttle.succeeded(account);
            verified.verified(account, password, ((UserDetails) result.getPrincipal()).getPassword());
            outcomes.get("succeeded").increment();
            return result;
        } catch (BadCredentialsException e) { // unknown accounts too (Spring hides which it was)
            throttle.failed(account, clientAddress(attempt));
            outcomes.get("failed").increment();
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** A hit only while the account still has the password hash it was verified against. */
    private Optional<Authentication> fromCache(String account, String password, Authentication attempt) {
        Optional<String> hash = verified.verifiedHash(account, password);
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        try {
            UserDetails user = users.loadUserByUsername(account);
            if (hash.get().equals(user.getPassword())) {
                UsernamePasswordAuthenticationToken result =
                        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
                result.setDetails(attempt.getDetails());
                return Optional.of(result);
            }
        } catch (UsernameNotFoundException gone) {
            // fall through: the full check answers as for any unknown account
        }
        verified.forget(account, password);
        return Optional.empty();
    }

    private static String clientAddress(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("rebound.sign.ins")
                .description("Password sign-ins (form and HTTP Basic) by outcome; cached ones skipped BCrypt")
                .tag("outcome", outcome)
                .register(meters);
    }
}
