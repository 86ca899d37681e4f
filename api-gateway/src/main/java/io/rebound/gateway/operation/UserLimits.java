package io.rebound.gateway.operation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatus;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps one person from queueing unbounded AI work (and spend) and starving everyone else. Counted in the database, so
 * the caps hold however many gateways there are; the user's row is locked until the new operation is committed, so two
 * requests racing for the last slot cannot both take it.
 *
 * <p>Within one gateway a user's requests for AI work also take turns before they open a transaction ({@link #inTurn}):
 * otherwise a burst from one person holds a pooled database connection per request while each waits for that row lock,
 * and everyone else's requests find the pool empty.
 */
@Component
public class UserLimits {

    /** Operations that are the user's own doing through the API; external and redriven ones are not. */
    static final List<OperationSource> COUNTED = List.of(OperationSource.API, OperationSource.MANUAL);

    private static final List<OperationStatus> OPEN = List.of(OperationStatus.PENDING, OperationStatus.PROCESSING);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    /** No telling when an open operation finishes; an AI call takes seconds, so asking again sooner is pointless. */
    private static final Duration OPEN_RETRY_AFTER = Duration.ofSeconds(5);
    /** A request that waited this long for its turn is behind a burst of the same person's: refused, not queued. */
    private static final Duration TURN_WAIT = Duration.ofSeconds(10);

    private static final int TURN_STRIPES = 256;

    private final OperationRepository operations;
    private final EntityManager entityManager;
    private final UserLimitsProperties limits;
    private final Counter refusedOpen;
    private final Counter refusedRate;
    private final Counter refusedBusy;
    private final ReentrantLock[] turns = new ReentrantLock[TURN_STRIPES];

    UserLimits(
            OperationRepository operations,
            EntityManager entityManager,
            UserLimitsProperties limits,
            MeterRegistry meters) {
        this.operations = operations;
        this.entityManager = entityManager;
        this.limits = limits;
        this.refusedOpen = refused(meters, "TOO_MANY_OPEN_OPERATIONS");
        this.refusedRate = refused(meters, "OPERATION_RATE_LIMITED");
        this.refusedBusy = refused(meters, "TOO_MANY_PARALLEL_REQUESTS");
        for (int i = 0; i < TURN_STRIPES; i++) {
            turns[i] = new ReentrantLock();
        }
    }

    /**
     * Runs {@code work}, which asks for AI work for {@code ownerId} in a transaction of its own, after the same user's
     * earlier requests to this gateway have finished theirs. Call it outside any transaction.
     *
     * @throws UserLimitExceededException if the user's earlier requests kept it waiting for {@link #TURN_WAIT}
     */
    public <T> T inTurn(UUID ownerId, Supplier<T> work) {
        ReentrantLock turn = turns[Math.floorMod(ownerId.hashCode(), TURN_STRIPES)];
        try {
            if (!turn.tryLock(TURN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                refusedBusy.increment();
                throw UserLimitExceededException.tooManyParallel(TURN_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the user's turn", e);
        }
        try {
            return work.get();
        } finally {
            turn.unlock();
        }
    }

    /**
     * Returns if {@code ownerId} may start one more operation, in the caller's transaction.
     *
     * @throws UserLimitExceededException if the user is at either cap
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void admit(UUID ownerId) {
        entityManager
                .createNativeQuery("select 1 from users where id = :id for no key update")
                .setParameter("id", ownerId)
                .getResultList();
        if (operations.countByOwnerIdAndSourceInAndStatusIn(ownerId, COUNTED, OPEN) >= limits.maxOpenOperations()) {
            refusedOpen.increment();
            throw UserLimitExceededException.tooManyOpen(limits.maxOpenOperations(), OPEN_RETRY_AFTER);
        }
        Instant since = Instant.now().minus(WINDOW);
        if (operations.countByOwnerIdAndSourceInAndCreatedAtAfter(ownerId, COUNTED, since)
                >= limits.maxOperationsPerMinute()) {
            // A slot frees when the oldest start in the window leaves it.
            Instant oldest = operations
                    .findFirstByOwnerIdAndSourceInAndCreatedAtAfterOrderByCreatedAt(ownerId, COUNTED, since)
                    .map(Operation::getCreatedAt)
                    .orElse(since);
            refusedRate.increment();
            throw UserLimitExceededException.tooManyPerMinute(
                    limits.maxOperationsPerMinute(), wholeSecondsUntil(oldest.plus(WINDOW)));
        }
    }

    private static Counter refused(MeterRegistry meters, String reason) {
        return Counter.builder("rebound.operations.refused")
                .description("Requests for AI work refused with 429 by a per-user limit")
                .tag("reason", reason)
                .register(meters);
    }

    /** At least one second, rounded up: {@code Retry-After} counts whole seconds. */
    private static Duration wholeSecondsUntil(Instant when) {
        long millis = Duration.between(Instant.now(), when).toMillis();
        return Duration.ofSeconds(Math.max(1, (millis + 999) / 1000));
    }
}
