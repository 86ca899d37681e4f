package io.rebound.gateway.operation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rebound.common.OperationSource;
import io.rebound.gateway.GatewayProperties;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retries a failed operation by creating a new one linked to it, published through the outbox. Each failed operation
 * gets at most one retry, however many clicks or gateways: the parent row is locked while the retry is created, and
 * the database's unique constraint on {@code parent_operation_id} backs that up.
 */
@Service
public class RetryService {

    private static final Logger log = LoggerFactory.getLogger(RetryService.class);

    private final OperationRepository operations;
    private final OperationService operationService;
    private final TransactionTemplate transactions;
    private final GatewayProperties properties;
    private final MeterRegistry meters;

    RetryService(
            OperationRepository operations,
            OperationService operationService,
            TransactionTemplate transactions,
            GatewayProperties properties,
            MeterRegistry meters) {
        this.operations = operations;
        this.operationService = operationService;
        this.transactions = transactions;
        this.properties = properties;
        this.meters = meters;
    }

    /** The retry, and whether this call created it (false: an earlier call had). */
    public record Retried(Operation operation, boolean created) {}

    public Retried retry(UUID operationId, UUID userId, String userEmail, OperationSource source) {
        try {
            return transactions.execute(status -> retryLocked(operationId, userId, userEmail, source));
        } catch (DataIntegrityViolationException raced) {
            // Another gateway created the retry between our check and insert: answer with theirs.
            return transactions.execute(status ->
                    new Retried(operations.findByParentOperationId(operationId).orElseThrow(() -> raced), false));
        }
    }

    private Retried retryLocked(UUID operationId, UUID userId, String userEmail, OperationSource source) {
        Operation parent = operations
                .findByIdForUpdate(operationId)
                .filter(operation -> userId == null || userId.equals(operation.getOwnerId()))
                .orElseThrow(() -> new OperationNotFoundException(operationId));
        Optional<Operation> existing = operations.findByParentOperationId(operationId);
        if (existing.isPresent()) {
            return new Retried(existing.get(), false);
        }
        Operation child =
                parent.retry(userId, userEmail, source, properties.maxRetryChain(), properties.operationDeadline());
        Operation saved = operationService.save(child);
        operations.flush();
        operationService.parentRetried(parent);
        log.info(
                "operation retry initiated original_operation_id={} new_operation_id={} retry_count={}"
                        + " operation_type={} user={} source={} original_error_code={}",
                parent.getId(),
                saved.getId(),
                saved.getRetryCount(),
                saved.getType().wireName(),
                userEmail,
                source.wireName(),
                parent.getErrorCode());
        Counter.builder("rebound.operations.manual.retries")
                .description("Retries of failed operations, by people and by redrives")
                .tag("operation_type", saved.getType().wireName())
                .tag("source", source.wireName())
                .register(meters)
                .increment();
        return new Retried(saved, true);
    }
}
