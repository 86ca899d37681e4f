package io.rebound.gateway.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.rebound.common.ErrorCode;
import io.rebound.common.OperationSource;
import io.rebound.gateway.operation.Operation;
import io.rebound.gateway.operation.OperationNotRetryableException;
import io.rebound.gateway.operation.OperationRepository;
import io.rebound.gateway.operation.RetryService;
import io.rebound.gateway.operation.TestOperations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An SRE's redrive: what it refuses, what a dry run says it would do per dead letter, and that a started one turns
 * each open dead letter of a failed operation into a new operation once, saying why it skipped the others.
 */
class RedriveServiceTest {

    private static final String SRE = "sre@example.com";

    private final DeadLetterIndex index = mock(DeadLetterIndex.class);
    private final OperationRepository operations = mock(OperationRepository.class);
    private final RetryService retries = mock(RetryService.class);
    private final AdminAudit audit = mock(AdminAudit.class);
    private final TransactionTemplate transactions = mock(TransactionTemplate.class);
    private final RedriveService redrives = new RedriveService(index, operations, retries, audit, transactions);

    private final UUID ada = UUID.randomUUID();
    private final Operation failed = operation(true);
    private final Operation retriedAlready = operation(true);
    private final Operation completed = operation(false);

    @BeforeEach
    void deadLetters() {
        when(transactions.execute(any()))
                .thenAnswer(call ->
                        call.<TransactionCallback<?>>getArgument(0).doInTransaction(new SimpleTransactionStatus()));
        // 1: a failed operation; 2: one retried meanwhile; 3: one that completed after all; 4: no operation at all.
        deadLetter(1, failed);
        deadLetter(2, retriedAlready);
        deadLetter(3, completed);
        when(index.operationOf(4)).thenReturn(Optional.empty());
        when(operations.findByParentOperationId(retriedAlready.getId())).thenReturn(Optional.of(operation(false)));
        when(index.openIds(any(), anyInt())).thenReturn(List.of(1L, 2L, 3L, 4L));
        when(index.permanentAmong(List.of(1L, 2L, 3L, 4L))).thenReturn(1);
        when(audit.start(eq(SRE), eq("REDRIVE"), any(), any(Boolean.class), eq(4)))
                .thenReturn(11L);
    }

    @AfterEach
    void stop() {
        redrives.destroy();
    }

    @Test
    void anEmptyRequestOrOneWithBothIdsAndAFilterRedrivesNothing() {
        assertThatThrownBy(() -> redrives.redrive(request(null, null, null), SRE))
                .isInstanceOf(InvalidFilterException.class)
                .hasMessageContaining("give either ids or a filter");
        assertThatThrownBy(() -> redrives.redrive(request(DeadLetterFilter.OPEN, List.of(1L), null), SRE))
                .isInstanceOf(InvalidFilterException.class);
        assertThatThrownBy(() ->
                        redrives.redrive(new RedriveService.Request(DeadLetterFilter.OPEN, null, false, 0, null), SRE))
                .hasMessageContaining("max_records must be 1..100000");
        verify(audit, never()).start(any(), any(), any(), any(Boolean.class), anyInt());
    }

    @Test
    void aDryRunSaysPerDeadLetterWhatWouldHappenAndChangesNothing() {
        RedriveService.Plan plan = redrives.redrive(request(DeadLetterFilter.OPEN, null, true), SRE);

        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.matched()).isEqualTo(4);
        assertThat(plan.permanent()).isEqualTo(1);
        assertThat(plan.outcomes())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("would_redrive", 1, "already_retried", 1, "operation_not_failed", 1, "no_operation", 1));
        verify(audit).progress(11L, 0, plan.outcomes(), true);
        verify(retries, never()).retry(any(), any(), any(), any());
        verify(index, never()).close(anyLong(), any(), any(), any(), any());
    }

    @Test
    void aStartedRedriveMakesANewOperationOfEachFailedOneAndCountsWhatItSkipped() {
        Operation retry = operation(false);
        when(index.close(eq(1L), eq(DeadLetterState.REDRIVEN), eq(SRE), eq("redrive 11"), any()))
                .thenReturn(true);
        when(index.close(eq(2L), eq(DeadLetterState.REDRIVEN), eq(SRE), eq("redrive 11"), any()))
                .thenReturn(true);
        when(retries.retry(failed.getId(), null, SRE, OperationSource.REDRIVE))
                .thenReturn(new RetryService.Retried(retry, true));
        when(retries.retry(retriedAlready.getId(), null, SRE, OperationSource.REDRIVE))
                .thenThrow(mock(OperationNotRetryableException.class));

        RedriveService.Plan plan =
                redrives.redrive(new RedriveService.Request(DeadLetterFilter.OPEN, null, false, 100, 1_000.0), SRE);

        assertThat(plan.dryRun()).isFalse();
        assertThat(plan.auditId()).isEqualTo(11L);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        verify(audit).progress(11L, 1, Map.of("operation_not_failed", 2, "no_operation", 1), true));
        verify(index).setRedriveOperation(1L, retry.getId());
        verify(retries, never()).retry(eq(completed.getId()), any(), any(), any());
    }

    private void deadLetter(long id, Operation operation) {
        when(index.operationOf(id)).thenReturn(Optional.of(operation.getId()));
        when(operations.findById(operation.getId())).thenReturn(Optional.of(operation));
    }

    private Operation operation(boolean failedForGood) {
        Operation operation =
                TestOperations.question(ada, "ada@example.com", UUID.randomUUID(), 0, OperationSource.API);
        if (failedForGood) {
            operation.fail(ErrorCode.AI_UNAVAILABLE);
        }
        return operation;
    }

    private static RedriveService.Request request(DeadLetterFilter filter, List<Long> ids, Boolean dryRun) {
        return new RedriveService.Request(filter, ids, dryRun, null, null);
    }
}
