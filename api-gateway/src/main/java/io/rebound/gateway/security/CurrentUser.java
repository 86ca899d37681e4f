package io.rebound.gateway.security;

import io.rebound.gateway.user.UserAccount;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The signed-in account, as Spring Security's principal. Serializable so it can live in an HTTP session. */
public class CurrentUser extends User {

    private final UUID id;
    private final String displayName;

    CurrentUser(UserAccount account) {
        super(account.getEmail(), account.getPasswordHash(), authorities(account.getRole()));
        this.id = account.getId();
        this.displayName = account.getDisplayName();
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return getUsername();
    }

    public String displayName() {
        return displayName;
    }

    public List<String> roles() {
        return getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .map(a -> a.substring("ROLE_".length()))
                .toList();
    }

    private static List<GrantedAuthority> authorities(String role) {
        return UserAccount.ROLE_ADMIN.equals(role)
                ? List.of(
                        new SimpleGrantedAuthority("ROLE_" + UserAccount.ROLE_USER),
                        new SimpleGrantedAuthority("ROLE_" + UserAccount.ROLE_ADMIN))
                : List.of(new SimpleGrantedAuthority("ROLE_" + UserAccount.ROLE_USER));
    }
}
