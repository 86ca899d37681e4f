package io.rebound.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.gateway.operation.OperationRepository;
import io.rebound.gateway.operation.SessionMembership;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * What decides whether an operation requested outside the API may attach to a session and message, on the real
 * PostgreSQL: only its requester's own session, and only a message of that session.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@Import(SessionMembershipQueries.class)
class SessionMembershipQueriesIT {

    @Autowired
    private SessionMembership membership;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private OperationRepository operations;

    @Test
    void aSessionBelongsOnlyToItsOwnerAndAMessageOnlyToItsSession() {
        SessionRows rows = new SessionRows(jdbc, operations);
        UUID ada = rows.user();
        UUID bob = rows.user();
        UUID adas = rows.session(ada);
        UUID bobs = rows.session(bob);
        UUID question = rows.message(adas, SessionMessage.Kind.QUESTION, 1);

        assertThat(membership.ownsSession(ada, adas)).isTrue();
        assertThat(membership.ownsSession(bob, adas)).isFalse();
        assertThat(membership.ownsSession(ada, UUID.randomUUID())).isFalse();
        assertThat(membership.isMessageOf(question, adas)).isTrue();
        assertThat(membership.isMessageOf(question, bobs)).isFalse();
        assertThat(membership.isMessageOf(UUID.randomUUID(), adas)).isFalse();
    }
}
