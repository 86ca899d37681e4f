package io.rebound.gateway.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rebound.common.ErrorCode;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatus;
import io.rebound.gateway.user.UserAccount;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The operation queries on the real PostgreSQL with the real schema (Liquibase), each test in a transaction that is
 * rolled back: the counts the sessions list and the per-user limits rely on.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class OperationRepositoryIT {

    @Autowired
    private OperationRepository operations;

    @Autowired
    private TestEntityManager entities;

    @Autowired
    private JdbcTemplate jdbc;

    private final UserAccount ada =
            new UserAccount("ada-" + UUID.randomUUID() + "@example.com", "{noop}unused", "Ada", "USER");

    @Test
    void countsPerSessionTheFailuresNobodyHasRetriedYet() {
        entities.persistAndFlush(ada);
        UUID first = session();
        UUID second = session();
        Operation unretried = failed(first);
        Operation retried = failed(first);
        operations.save(retried.retry(ada.getId(), ada.getEmail(), OperationSource.MANUAL, 10, Duration.ofMinutes(5)));
        Operation completed = operations.save(requested(first));
        completed.complete("A question?", 1);
        failed(second);
        failed(second);
        entities.flush();

        Map<UUID, Long> counts = operations.countUnretriedFailuresBySession(List.of(first, second)).stream()
                .collect(Collectors.toMap(row -> (UUID) row[0], row -> (Long) row[1]));

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(first, 1L, second, 2L));
        assertThat(unretried.getStatus()).isEqualTo(OperationStatus.FAILED);
        assertThat(operations.findByParentOperationId(retried.getId())).isPresent();
        assertThat(operations.findByParentOperationId(unretried.getId())).isEmpty();
    }

    @Test
    void countsAUsersOpenOperationsOfTheSourcesTheLimitsCover() {
        entities.persistAndFlush(ada);
        UUID session = session();
        operations.save(requested(session));
        operations.save(requested(session));
        failed(session);
        entities.flush();

        long open = operations.countByOwnerIdAndSourceInAndStatusIn(
                ada.getId(),
                List.of(OperationSource.API, OperationSource.MANUAL),
                List.of(OperationStatus.PENDING, OperationStatus.PROCESSING));
        long fromOtherServices = operations.countByOwnerIdAndSourceInAndStatusIn(
                ada.getId(), List.of(OperationSource.EXTERNAL), List.of(OperationStatus.PENDING));

        assertThat(open).isEqualTo(2);
        assertThat(fromOtherServices).isZero();
    }

    @Test
    void theDatabaseKeepsOneModelAnswerPerQuestionWhileItsRetriesGoOnTheSameQuestion() {
        entities.persistAndFlush(ada);
        UUID session = session();
        UUID question = question(session);
        Operation first =
                operations.saveAndFlush(TestOperations.modelAnswer(ada.getId(), ada.getEmail(), session, question));
        first.fail(ErrorCode.AI_UNAVAILABLE);
        Operation retry = operations.saveAndFlush(
                first.retry(ada.getId(), ada.getEmail(), OperationSource.MANUAL, 10, Duration.ofMinutes(5)));

        assertThat(retry.getMessageId()).isEqualTo(question);
        assertThatThrownBy(() -> operations.saveAndFlush(
                        TestOperations.modelAnswer(ada.getId(), ada.getEmail(), session, question)))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("operations_one_model_answer_per_question");
    }

    private UUID question(UUID session) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "insert into session_messages (id, session_id, kind, content, created_at) values (?, ?, ?, ?, now())",
                id,
                session,
                "QUESTION",
                "What is a deadlock?");
        return id;
    }

    private UUID session() {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "insert into interview_sessions (id, owner_id, role, created_at) values (?, ?, ?, now())",
                id,
                ada.getId(),
                "Backend engineer");
        return id;
    }

    private Operation requested(UUID session) {
        return TestOperations.question(ada.getId(), ada.getEmail(), session, 0, OperationSource.API);
    }

    private Operation failed(UUID session) {
        Operation operation = requested(session);
        operation.fail(ErrorCode.AI_UNAVAILABLE);
        return operations.save(operation);
    }
}
