package io.rebound.gateway.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rebound.common.OperationSource;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.test.context.ContextConfiguration;

/**
 * The attempts a history shows, on the real PostgreSQL: in number order whatever order they were reported in, only
 * for the operations asked about, and at most one row per attempt number however often it is reported.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class OperationAttemptRepositoryIT {

    @Autowired
    private OperationAttemptRepository attempts;

    @Autowired
    private OperationRepository operations;

    private final Instant now = Instant.now();

    @Test
    void attemptsOfTheChainComeInNumberOrderAndOtherOperationsAreLeftOut() {
        UUID first = operation();
        UUID retry = operation();
        UUID unrelated = operation();
        for (int number : new int[] {3, 1, 2}) {
            attempts.save(new OperationAttempt(first, number, now.plusSeconds(number)));
        }
        attempts.save(new OperationAttempt(retry, 1, now));
        attempts.save(new OperationAttempt(unrelated, 1, now));
        attempts.flush();

        List<OperationAttempt> found = attempts.findByOperationIdInOrderByNumber(List.of(first, retry));

        assertThat(found).extracting(OperationAttempt::getOperationId).doesNotContain(unrelated);
        assertThat(found.stream().filter(a -> a.getOperationId().equals(first)))
                .extracting(OperationAttempt::getNumber)
                .containsExactly(1, 2, 3);
        assertThat(found).extracting(OperationAttempt::getNumber).isSorted();
        assertThat(attempts.findByOperationIdAndNumber(first, 2)).isPresent();
        assertThat(attempts.findByOperationIdAndNumber(retry, 2)).isEmpty();
    }

    @Test
    void theDatabaseRefusesASecondRowForTheSameAttemptNumber() {
        UUID operation = operation();
        attempts.saveAndFlush(new OperationAttempt(operation, 1, now));

        assertThatThrownBy(() -> attempts.saveAndFlush(new OperationAttempt(operation, 1, now)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    private UUID operation() {
        return operations
                .saveAndFlush(TestOperations.question(null, "ada@example.com", null, 0, OperationSource.API))
                .getId();
    }
}
