package io.rebound.worker.management;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Checks HTTP Basic against the {@link MetricsCredential} in constant time; a blank password matches nothing. */
final class MetricsCredentialProvider implements AuthenticationProvider {

    static final String ROLE = "METRICS";

    private final MetricsCredential credential;

    MetricsCredentialProvider(MetricsCredential credential) {
        this.credential = credential;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String password = String.valueOf(authentication.getCredentials());
        boolean known = !credential.password().isBlank()
                && equal(credential.username(), authentication.getName())
                && equal(credential.password(), password);
        if (!known) {
            throw new BadCredentialsException("Wrong metrics credential.");
        }
        return UsernamePasswordAuthenticationToken.authenticated(
                credential.username(), null, List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
    }

    private static boolean equal(String expected, String actual) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8),
                String.valueOf(actual).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
