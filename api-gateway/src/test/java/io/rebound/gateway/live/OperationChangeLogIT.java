package io.rebound.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatus;
import io.rebound.gateway.operation.Operation;
import io.rebound.gateway.operation.OperationChanged;
import io.rebound.gateway.operation.TestOperations;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The change log the live updates replay from, on the real PostgreSQL: one row per change of a session's operation,
 * in the order of the changes (a reconnecting client asks for what came after its last id), none for operations
 * outside sessions.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@Import(OperationChangeLog.class)
class OperationChangeLogIT {

    @Autowired
    private OperationChangeLog log;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void recordsEveryChangeOfASessionsOperationsInOrderAndNoneOutsideSessions() {
        UUID session = UUID.randomUUID();
        Operation question = operation(session);
        Operation feedback = operation(session);
        Operation outsideSessions = operation(null);

        log.onOperationChanged(new OperationChanged(question, null, false));
        log.onOperationChanged(new OperationChanged(feedback, null, false));
        log.onOperationChanged(new OperationChanged(question, OperationStatus.PENDING, true));
        log.onOperationChanged(new OperationChanged(outsideSessions, null, false));

        List<Map<String, Object>> changes = jdbc.queryForList(
                "select id, session_id, operation_id from operation_changes where session_id = ? order by id", session);
        assertThat(changes)
                .extracting(row -> row.get("operation_id"))
                .containsExactly(question.getId(), feedback.getId(), question.getId());
        assertThat(jdbc.queryForObject(
                        "select count(*) from operation_changes where operation_id = ?",
                        Long.class,
                        outsideSessions.getId()))
                .isZero();
    }

    private static Operation operation(UUID session) {
        return TestOperations.question(null, "ada@example.com", session, 0, OperationSource.API);
    }
}
