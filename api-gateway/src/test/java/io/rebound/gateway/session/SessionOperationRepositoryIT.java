package io.rebound.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.common.ErrorCode;
import io.rebound.common.OperationStatus;
import io.rebound.common.OperationStatusChanged;
import io.rebound.gateway.operation.Operation;
import io.rebound.gateway.operation.OperationRepository;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The operations that go with one window of a session's messages, on the real PostgreSQL: what the window shows
 * (by time, by its messages, still open), the retry links, and never an operation of another session.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class SessionOperationRepositoryIT {

    @Autowired
    private SessionOperationRepository sessionOperations;

    @Autowired
    private OperationRepository operations;

    @Autowired
    private TestEntityManager entities;

    @Autowired
    private JdbcTemplate jdbc;

    private SessionRows rows;
    private UUID session;
    private UUID otherSession;

    @BeforeEach
    void twoSessionsOfOneUser() {
        rows = new SessionRows(jdbc, operations);
        UUID owner = rows.user();
        session = rows.session(owner);
        otherSession = rows.session(owner);
    }

    @Test
    void theWindowHoldsItsTimeSpanItsMessagesOperationsAndOpenOnesOldestFirstButNoOtherSessions() {
        UUID answer = rows.message(session, SessionMessage.Kind.ANSWER, 2);
        Operation inSpan = rows.operation(session, null, 10);
        Operation resultShown = rows.operation(session, null, 1);
        Operation onMessage = rows.operation(session, answer, 2);
        Operation open = rows.operation(session, null, 3);
        open.apply(OperationStatusChanged.processing(open.toRequest(), 1, 4));
        Operation older = rows.operation(session, null, 4);
        older.fail(ErrorCode.AI_UNAVAILABLE);
        Operation atTheEnd = rows.operation(session, null, 20);
        Operation elsewhere = rows.operation(otherSession, null, 10);
        entities.flush();
        entities.clear();

        List<UUID> window = ids(sessionOperations.findForWindow(
                session,
                SessionRows.T0.plusSeconds(5),
                SessionRows.T0.plusSeconds(20),
                List.of(resultShown.getId(), elsewhere.getId()),
                List.of(answer),
                List.of(OperationStatus.PROCESSING)));
        List<UUID> olderWindow = ids(sessionOperations.findForWindow(
                session,
                SessionRows.T0.plusSeconds(5),
                SessionRows.T0.plusSeconds(20),
                List.of(),
                List.of(),
                List.of()));

        // The span is [5 s, 20 s): atTheEnd, created at 20 s, belongs to the next window.
        assertThat(window)
                .containsExactly(resultShown.getId(), onMessage.getId(), open.getId(), inSpan.getId())
                .doesNotContain(older.getId(), atTheEnd.getId(), elsewhere.getId());
        assertThat(olderWindow).containsExactly(inSpan.getId());
    }

    @Test
    void retriesAreFoundForTheirParentsWithinTheSessionOnly() {
        Operation failed = failed(session, 1);
        Operation retry = rows.retryOf(failed, 2);
        Operation notRetried = failed(session, 3);
        Operation failedElsewhere = failed(otherSession, 4);
        rows.retryOf(failedElsewhere, 5);

        List<Object[]> pairs = sessionOperations.findRetriesOf(
                session, List.of(failed.getId(), notRetried.getId(), failedElsewhere.getId()));

        assertThat(pairs).hasSize(1);
        assertThat(pairs.get(0)).containsExactly(failed.getId(), retry.getId());
    }

    @Test
    void operationsByIdAreOnlyThoseOfTheSession() {
        Operation mine = rows.operation(session, null, 1);
        Operation theirs = rows.operation(otherSession, null, 2);

        assertThat(ids(sessionOperations.findBySessionIdAndIdIn(
                        session, List.of(mine.getId(), theirs.getId(), UUID.randomUUID()))))
                .containsExactly(mine.getId());
    }

    private Operation failed(UUID sessionId, int second) {
        Operation operation = rows.operation(sessionId, null, second);
        operation.fail(ErrorCode.AI_UNAVAILABLE);
        return operations.saveAndFlush(operation);
    }

    private static List<UUID> ids(List<Operation> list) {
        return list.stream().map(Operation::getId).toList();
    }
}
