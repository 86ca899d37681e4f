package io.rebound.gateway.security;

import io.rebound.gateway.user.UserAccount;

/** Signed-in principals for slice tests, as the gateway builds them from an account. */
public final class TestUsers {

    private TestUsers() {}

    public static CurrentUser user(String email) {
        return new CurrentUser(new UserAccount(email, "{noop}unused", "Test user", UserAccount.ROLE_USER));
    }

    /** An SRE: role ADMIN (and USER), as the gateway grants it. */
    public static CurrentUser admin(String email) {
        return new CurrentUser(new UserAccount(email, "{noop}unused", "Test SRE", UserAccount.ROLE_ADMIN));
    }
}
