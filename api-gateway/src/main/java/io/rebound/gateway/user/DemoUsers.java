package io.rebound.gateway.user;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Seeds the demo accounts of the local profile; never enabled by default. */
@Component
@ConditionalOnProperty(name = "rebound.demo-users.enabled", havingValue = "true")
class DemoUsers implements ApplicationRunner {

    static final String PASSWORD = "rebound";
    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;

    DemoUsers(UserRepository users, PasswordEncoder passwordEncoder) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        seed("ada@example.com", "Ada Lovelace", UserAccount.ROLE_USER);
        seed("bob@example.com", "Bob Kahn", UserAccount.ROLE_USER);
        seed("sre@example.com", "Site Reliability", UserAccount.ROLE_ADMIN);
    }

    private void seed(String email, String name, String role) {
        if (users.findByEmailIgnoreCase(email).isEmpty()) {
            users.save(new UserAccount(email, passwordEncoder.encode(PASSWORD), name, role));
            log.info("demo account created: {} ({})", email, role);
        }
    }
}
