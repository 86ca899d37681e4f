package io.rebound.gateway.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rebound.common.ErrorCode;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatus;
import io.rebound.gateway.GatewayProperties;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/** A manual retry: a new linked operation, once per failed one, whoever clicks and however often. */
class RetryServiceTest {

    private static final int MAX_CHAIN = 2;

    private final OperationRepository operations = mock(OperationRepository.class);
    private final OperationService operationService = mock(OperationService.class);
    private final TransactionTemplate transactions = mock(TransactionTemplate.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final GatewayProperties properties = new GatewayProperties(
            12,
            (short) 1,
            Duration.ofMinutes(5),
            Duration.ofMillis(500),
            200,
            Duration.ofHours(1),
            MAX_CHAIN,
            Duration.ofDays(14),
            new GatewayProperties.Recovery(
                    Duration.ofMillis(500),
                    Duration.ofSeconds(10),
                    Duration.ofMillis(250),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(2)));
    private final RetryService retries =
            new RetryService(operations, operationService, transactions, properties, meters);

    private final UUID ada = UUID.randomUUID();
    private final Operation failed = operation(0);

    @BeforeEach
    void runTransactionsInline() {
        when(transactions.execute(any()))
                .thenAnswer(call -> call.<TransactionCallback<?>>getArgument(0).doInTransaction(null));
        when(operationService.save(any())).thenAnswer(call -> call.getArgument(0));
        failed.fail(ErrorCode.AI_UNAVAILABLE);
        when(operations.findByIdForUpdate(failed.getId())).thenReturn(Optional.of(failed));
        when(operations.findByParentOperationId(failed.getId())).thenReturn(Optional.empty());
    }

    @Test
    void aRetryIsANewOperationLinkedToTheFailedOne() {
        RetryService.Retried retried = retries.retry(failed.getId(), ada, "ada@example.com", OperationSource.MANUAL);

        assertThat(retried.created()).isTrue();
        Operation retry = retried.operation();
        assertThat(retry.getId()).isNotEqualTo(failed.getId());
        assertThat(retry.getParentOperationId()).isEqualTo(failed.getId());
        assertThat(retry.getRetryCount()).isEqualTo(1);
        assertThat(retry.getStatus()).isEqualTo(OperationStatus.PENDING);
        assertThat(retry.getSource()).isEqualTo(OperationSource.MANUAL);
        verify(operationService).parentRetried(failed);
        assertThat(meters.get("rebound.operations.manual.retries")
                        .tag("source", "manual")
                        .tag("operation_type", "question_generation")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void aSecondClickGetsTheRetryTheFirstOneCreated() {
        Operation earlier = operation(1);
        when(operations.findByParentOperationId(failed.getId())).thenReturn(Optional.of(earlier));

        RetryService.Retried retried = retries.retry(failed.getId(), ada, "ada@example.com", OperationSource.MANUAL);

        assertThat(retried.created()).isFalse();
        assertThat(retried.operation()).isSameAs(earlier);
        verify(operationService, never()).save(any());
    }

    @Test
    void anotherGatewaysRetryThatWonTheRaceIsTheAnswer() {
        Operation theirs = operation(1);
        when(operationService.save(any())).thenThrow(new DataIntegrityViolationException("parent_operation_id"));
        when(operations.findByParentOperationId(failed.getId()))
                .thenReturn(Optional.empty())
                .thenReturn(Optional.of(theirs));

        RetryService.Retried retried = retries.retry(failed.getId(), ada, "ada@example.com", OperationSource.MANUAL);

        assertThat(retried.created()).isFalse();
        assertThat(retried.operation()).isSameAs(theirs);
    }

    @Test
    void someoneElsesOperationIsNotFoundForThem() {
        assertThatThrownBy(() ->
                        retries.retry(failed.getId(), UUID.randomUUID(), "mallory@example.com", OperationSource.MANUAL))
                .isInstanceOf(OperationNotFoundException.class);
        verify(operationService, never()).save(any());
    }

    @Test
    void onlyAFailedOperationBelowTheChainLimitIsRetried() {
        Operation running = operation(0);
        when(operations.findByIdForUpdate(running.getId())).thenReturn(Optional.of(running));
        assertThatThrownBy(() -> retries.retry(running.getId(), ada, "ada@example.com", OperationSource.MANUAL))
                .isInstanceOf(OperationNotRetryableException.class)
                .hasMessageContaining("OPERATION_NOT_RETRYABLE");

        Operation lastOfChain = operation(MAX_CHAIN);
        lastOfChain.fail(ErrorCode.AI_UNAVAILABLE);
        when(operations.findByIdForUpdate(lastOfChain.getId())).thenReturn(Optional.of(lastOfChain));
        when(operations.findByParentOperationId(lastOfChain.getId())).thenReturn(Optional.empty());
        assertThatThrownBy(() -> retries.retry(lastOfChain.getId(), ada, "ada@example.com", OperationSource.MANUAL))
                .isInstanceOf(OperationNotRetryableException.class)
                .hasMessageContaining("RETRY_LIMIT_REACHED");
    }

    /** An SRE's redrive retries any user's failed operation: no owner to match. */
    @Test
    void aRedriveRetriesWhateverUsersOperationItIs() {
        RetryService.Retried retried = retries.retry(failed.getId(), null, "sre@example.com", OperationSource.REDRIVE);

        assertThat(retried.created()).isTrue();
        assertThat(retried.operation().getSource()).isEqualTo(OperationSource.REDRIVE);
    }

    private Operation operation(int retryCount) {
        return TestOperations.question(ada, "ada@example.com", UUID.randomUUID(), retryCount, OperationSource.API);
    }
}
