package io.rebound.gateway.deadletter;

import io.rebound.common.OperationSource;
import io.rebound.gateway.operation.Operation;
import io.rebound.gateway.operation.OperationNotRetryableException;
import io.rebound.gateway.operation.OperationRepository;
import io.rebound.gateway.operation.RetryService;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Redrives dead letters: each matching open one whose operation failed becomes a NEW operation (parent pointer,
 * retry count + 1, source {@code redrive}) through the outbox, at a bounded rate. Claiming the dead letter and creating
 * the retry happen in one transaction, so a dead letter is redriven at most once even when redrives overlap.
 */
@Service
class RedriveService implements DisposableBean {

    static final int DEFAULT_MAX_RECORDS = 1_000;
    static final double DEFAULT_RATE = 10.0;
    private static final Logger log = LoggerFactory.getLogger(RedriveService.class);

    private final DeadLetterIndex index;
    private final OperationRepository operations;
    private final RetryService retries;
    private final AdminAudit audit;
    private final TransactionTemplate transactions;
    private final ExecutorService jobs = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dead-letter-redrive");
        thread.setDaemon(true);
        return thread;
    });

    RedriveService(
            DeadLetterIndex index,
            OperationRepository operations,
            RetryService retries,
            AdminAudit audit,
            TransactionTemplate transactions) {
        this.index = index;
        this.operations = operations;
        this.retries = retries;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * Which dead letters to redrive: by {@code ids} (open ones among them; the drawer's "redrive this one") or by
     * {@code filter}, never both.
     */
    @Schema(name = "RedriveRequest")
    record Request(DeadLetterFilter filter, List<Long> ids, Boolean dryRun, Integer maxRecords, Double ratePerSecond) {}

    /**
     * @param permanent how many of the matched failed permanently (the worker did not retry them): a redrive will most
     *     likely fail the same way, so the console warns before it starts one that includes them
     */
    @Schema(name = "RedrivePlan")
    record Plan(
            long auditId,
            boolean dryRun,
            int matched,
            int permanent,
            Map<String, Integer> outcomes,
            double ratePerSecond) {}

    Plan redrive(Request request, String actor) {
        boolean byIds = request.ids() != null && !request.ids().isEmpty();
        if (byIds == (request.filter() != null)) {
            // An empty body must not redrive everything by accident; {"filter": {}} says so on purpose.
            throw new InvalidFilterException("give either ids or a filter of the dead letters to redrive;"
                    + " {\"filter\": {}} matches every open one");
        }
        int max = request.maxRecords() == null ? DEFAULT_MAX_RECORDS : request.maxRecords();
        double rate = request.ratePerSecond() == null ? DEFAULT_RATE : request.ratePerSecond();
        if (max < 1 || max > 100_000 || rate <= 0 || rate > 1_000) {
            throw new InvalidFilterException("max_records must be 1..100000 and rate_per_second 0..1000 (exclusive 0)");
        }
        if (byIds && request.ids().size() > max) {
            throw new InvalidFilterException("at most max_records (" + max + ") ids at once");
        }
        List<Long> ids = byIds ? index.openAmong(request.ids()) : index.openIds(request.filter(), max);
        Object target = byIds ? Map.of("ids", request.ids()) : request.filter();
        int permanent = index.permanentAmong(ids);
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        if (dryRun) {
            Map<String, Integer> outcomes = new LinkedHashMap<>();
            ids.forEach(id -> outcomes.merge(preview(id), 1, Integer::sum));
            long auditId = audit.start(actor, "REDRIVE", target, true, ids.size());
            audit.progress(auditId, 0, outcomes, true);
            return new Plan(auditId, true, ids.size(), permanent, outcomes, rate);
        }
        long auditId = audit.start(actor, "REDRIVE", target, false, ids.size());
        jobs.submit(() -> run(auditId, ids, rate, actor));
        return new Plan(auditId, false, ids.size(), permanent, Map.of(), rate);
    }

    private String preview(long id) {
        Optional<Operation> operation = index.operationOf(id).flatMap(operations::findById);
        if (operation.isEmpty()) {
            return "no_operation";
        }
        if (!operation.get().isFailed()) {
            return "operation_not_failed";
        }
        return operations.findByParentOperationId(operation.get().getId()).isPresent()
                ? "already_retried"
                : "would_redrive";
    }

    private void run(long auditId, List<Long> ids, double rate, String actor) {
        long pauseNanos = (long) (1_000_000_000L / rate);
        long next = System.nanoTime();
        int redriven = 0;
        Map<String, Integer> skipped = new LinkedHashMap<>();
        for (Long id : ids) {
            next = pace(next, pauseNanos);
            try {
                String outcome = redriveOne(id, actor, auditId);
                if (outcome == null) {
                    redriven++;
                } else {
                    skipped.merge(outcome, 1, Integer::sum);
                }
            } catch (RuntimeException e) {
                skipped.merge("error", 1, Integer::sum);
                log.warn("redrive of dead letter {} failed: {}", id, e.toString());
            }
            audit.progress(auditId, redriven, skipped, false);
        }
        audit.progress(auditId, redriven, skipped, true);
        log.info("redrive {} by {} finished: {} redriven, skipped {}", auditId, actor, redriven, skipped);
    }

    /** Returns null when redriven, or why not. */
    private String redriveOne(long id, String actor, long auditId) {
        return transactions.execute(status -> {
            Optional<UUID> operationId = index.operationOf(id);
            if (operationId.isEmpty()) {
                return "no_operation";
            }
            Optional<Operation> operation = operations.findById(operationId.get());
            if (operation.isEmpty() || !operation.get().isFailed()) {
                return "operation_not_failed";
            }
            if (!index.close(id, DeadLetterState.REDRIVEN, actor, "redrive " + auditId, null)) {
                return "already_handled";
            }
            try {
                RetryService.Retried retried = retries.retry(operationId.get(), null, actor, OperationSource.REDRIVE);
                index.setRedriveOperation(id, retried.operation().getId());
                return retried.created() ? null : "already_retried";
            } catch (OperationNotRetryableException e) {
                status.setRollbackOnly();
                return "operation_not_failed";
            }
        });
    }

    private static long pace(long next, long pauseNanos) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait).toMillis(), (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Math.max(next, System.nanoTime()) + pauseNanos;
    }

    @Override
    public void destroy() {
        jobs.shutdownNow();
    }
}
