package io.rebound.gateway.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.rebound.common.ErrorCode;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatus;
import io.rebound.common.kafka.DeadLetterHeaderNames;
import io.rebound.gateway.operation.Operation;
import io.rebound.gateway.operation.OperationChanged;
import io.rebound.gateway.operation.OperationRepository;
import io.rebound.gateway.operation.TestOperations;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The dead-letter console's SQL on the real PostgreSQL: the index takes a redelivered record once, lists newest first
 * in pages, closes a dead letter at most once; a completed retry resolves the dead letters of its whole chain; the
 * audit trail records who did what. The table is shared with other tests in this JVM, so each test filters by an
 * exception class of its own.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@Import({DeadLetterIndex.class, RetryResolutions.class, AdminAudit.class})
class DeadLetterQueriesIT {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @Autowired
    private DeadLetterIndex index;

    @Autowired
    private RetryResolutions resolutions;

    @Autowired
    private AdminAudit audit;

    @Autowired
    private OperationRepository operations;

    private final String exceptionClass =
            "io.test.Boom" + UUID.randomUUID().toString().replace("-", "");
    private final DeadLetterFilter mine = new DeadLetterFilter(null, exceptionClass, null, "all", null, null);
    private final String topic = "test.dlt." + UUID.randomUUID();
    private long offset = 0;

    @Test
    void aRedeliveredRecordIsIndexedOnceButTheSameOffsetOfARecreatedTopicAgain() {
        DeadLetterRecord record = record(null, T0, true);

        assertThat(index.add(record)).isTrue();
        assertThat(index.add(record)).isFalse();
        assertThat(index.add(atTime(record, T0.plusSeconds(60)))).isTrue();

        assertThat(index.count(mine)).isEqualTo(2);
    }

    @Test
    void listsNewestFirstInPagesAndClosesAnOpenDeadLetterOnlyOnce() {
        index.add(record(null, T0.plusSeconds(1), true));
        index.add(record(null, T0.plusSeconds(2), false));
        index.add(record(null, T0.plusSeconds(3), true));

        List<Long> newestFirst = ids(index.list(mine, 0, 2));
        List<Long> secondPage = ids(index.list(mine, 1, 2));
        List<Long> open = index.openIds(mine, 10);

        assertThat(secondPage).hasSize(1);
        assertThat(open).containsExactly(secondPage.get(0), newestFirst.get(1), newestFirst.get(0));
        assertThat(index.permanentAmong(open)).isEqualTo(1);
        long middle = open.get(1);
        assertThat(index.close(middle, DeadLetterState.DISCARDED, "sre@example.com", "bad prompt", null))
                .isTrue();
        assertThat(index.close(middle, DeadLetterState.REDRIVEN, "other@example.com", null, UUID.randomUUID()))
                .isFalse();
        assertThat(index.openIds(mine, 10)).containsExactly(open.get(0), open.get(2));
        assertThat(index.get(middle)).get().satisfies(detail -> {
            assertThat(detail.deadLetter().state()).isEqualTo("discarded");
            assertThat(detail.deadLetter().stateChangedBy()).isEqualTo("sre@example.com");
            assertThat(detail.deadLetter().stateReason()).isEqualTo("bad prompt");
            assertThat(detail.deadLetter().redriveOperationId()).isNull();
        });
    }

    @Test
    void aCompletedRetryResolvesTheOpenDeadLettersOfItsWholeChainOnce() {
        Operation first = failed(TestOperations.question(null, "ada@example.com", null, 0, OperationSource.API));
        Operation second = failed(retry(first));
        Operation third = retry(second);
        third.complete("A question?", 1);
        operations.saveAndFlush(third);
        index.add(record(first.getId(), T0.plusSeconds(1), true));
        index.add(record(second.getId(), T0.plusSeconds(2), true));
        index.add(record(first.getId(), T0.plusSeconds(3), true));
        long discarded = index.openIds(mine, 10).get(2);
        index.close(discarded, DeadLetterState.DISCARDED, "sre@example.com", "seen", null);

        OperationChanged completed = new OperationChanged(third, OperationStatus.PROCESSING, true);
        resolutions.onOperationChanged(completed);

        List<DeadLetterViews.Summary> after = index.list(mine, 0, 10);
        assertThat(after)
                .filteredOn(s -> s.id() != discarded)
                .allSatisfy(s -> {
                    assertThat(s.state()).isEqualTo("resolved");
                    assertThat(s.resolvedByOperationId()).isEqualTo(third.getId());
                    assertThat(s.stateChangedBy()).isEqualTo("ada@example.com");
                })
                .hasSize(2);
        assertThat(index.get(discarded))
                .get()
                .extracting(d -> d.deadLetter().state())
                .isEqualTo("discarded");
        assertThat(index.openIds(mine, 10)).isEmpty();
    }

    @Test
    void aDeadLetterIndexedAfterItsChainCompletedIsResolvedAtOnceAndOneWithoutIsLeftOpen() {
        Operation first = failed(TestOperations.question(null, "ada@example.com", null, 0, OperationSource.API));
        Operation retry = retry(first);
        retry.complete("A question?", 1);
        operations.saveAndFlush(retry);
        Operation alone = failed(TestOperations.question(null, "ada@example.com", null, 0, OperationSource.API));
        index.add(record(first.getId(), T0.plusSeconds(1), true));
        index.add(record(alone.getId(), T0.plusSeconds(2), true));

        assertThat(resolutions.resolveIfCompletedLater(first.getId())).isTrue();
        assertThat(resolutions.resolveIfCompletedLater(first.getId())).isFalse();
        assertThat(resolutions.resolveIfCompletedLater(alone.getId())).isFalse();

        assertThat(index.list(mine, 0, 10))
                .extracting(DeadLetterViews.Summary::operationId, DeadLetterViews.Summary::state)
                .containsExactlyInAnyOrder(tuple(alone.getId(), "open"), tuple(first.getId(), "resolved"));
    }

    @Test
    void theAuditTrailRecordsWhoDidWhatAndIsFinishedOnlyWhenSaid() {
        long id = audit.start("sre@example.com", "REDRIVE", Map.of("error_code", "AI_UNAVAILABLE"), false, 3);

        audit.progress(id, 1, Map.of("already_closed", 1), false);
        AdminAudit.Action running = audit.get(id);
        audit.progress(id, 2, Map.of("already_closed", 1), true);
        AdminAudit.Action finished = audit.get(id);

        assertThat(running.actor()).isEqualTo("sre@example.com");
        assertThat(running.action()).isEqualTo("REDRIVE");
        assertThat(running.filter()).contains("\"error_code\"").contains("AI_UNAVAILABLE");
        assertThat(running.dryRun()).isFalse();
        assertThat(running.matched()).isEqualTo(3);
        assertThat(running.affected()).isEqualTo(1);
        assertThat(running.finishedAt()).isNull();
        assertThat(finished.affected()).isEqualTo(2);
        assertThat(finished.detail()).contains("already_closed");
        assertThat(finished.finishedAt()).isAfterOrEqualTo(finished.createdAt());
        assertThat(audit.get(id + 1_000_000)).isNull();
    }

    private Operation failed(Operation operation) {
        operation.fail(ErrorCode.AI_UNAVAILABLE, 4);
        return operations.saveAndFlush(operation);
    }

    private Operation retry(Operation failed) {
        return operations.saveAndFlush(
                failed.retry(null, "ada@example.com", OperationSource.MANUAL, 10, Duration.ofMinutes(5)));
    }

    private DeadLetterRecord record(UUID operationId, Instant at, boolean transientFailure) {
        return new DeadLetterRecord(
                topic,
                0,
                offset++,
                operationId == null ? null : operationId.toString(),
                operationId,
                "question_generation",
                ErrorCode.AI_UNAVAILABLE,
                exceptionClass,
                "503 from the AI provider",
                null,
                "operations.requested",
                0,
                42L,
                4,
                Map.of(DeadLetterHeaderNames.TRANSIENT, String.valueOf(transientFailure)),
                "{}".getBytes(StandardCharsets.UTF_8),
                at.truncatedTo(ChronoUnit.MICROS));
    }

    private static DeadLetterRecord atTime(DeadLetterRecord r, Instant at) {
        return new DeadLetterRecord(
                r.topic(),
                r.partition(),
                r.offset(),
                r.key(),
                r.operationId(),
                r.operationType(),
                r.errorCode(),
                r.exceptionClass(),
                r.exceptionMessage(),
                r.reason(),
                r.originalTopic(),
                r.originalPartition(),
                r.originalOffset(),
                r.attempts(),
                r.headers(),
                r.payload(),
                at);
    }

    private static List<Long> ids(List<DeadLetterViews.Summary> list) {
        return list.stream().map(DeadLetterViews.Summary::id).toList();
    }
}
