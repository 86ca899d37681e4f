package io.rebound.gateway.deadletter;

import io.rebound.common.OperationStatus;
import io.rebound.gateway.operation.Operation;
import io.rebound.gateway.operation.OperationChanged;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Resolves the open dead letters of a retry chain once a later operation of that chain completes: the user's own
 * Retry (or a redrive of a later failure) got the answer, so an SRE has nothing left to do and open counts leave them
 * out. Both directions are covered: the completion of a retry resolves the dead letters already indexed, and a dead
 * letter indexed after its chain completed (the index lags behind the retry) is resolved when it is indexed. Both are
 * conditional updates of open rows, so redelivered events change nothing twice.
 */
@Component
class RetryResolutions {

    private static final Logger log = LoggerFactory.getLogger(RetryResolutions.class);

    /** The open dead letters of every operation before {@code :completed} in its chain. */
    private static final String RESOLVE_ANCESTORS = """
            with recursive ancestors (id) as (
                select parent_operation_id from operations
                where id = :completed and parent_operation_id is not null
                union
                select o.parent_operation_id from operations o join ancestors a on o.id = a.id
                where o.parent_operation_id is not null
            )
            update dead_letters set state = 'RESOLVED', state_changed_at = now(), state_changed_by = :by,
                state_reason = :reason, resolved_by_operation_id = :completed
            where state = 'OPEN' and operation_id in (select id from ancestors)
            """;

    /** The open dead letters of {@code :operation} when an operation after it in its chain has completed. */
    private static final String RESOLVE_IF_COMPLETED_LATER = """
            with recursive descendants (id) as (
                select id from operations where parent_operation_id = :operation
                union
                select o.id from operations o join descendants d on o.parent_operation_id = d.id
            ), completed as (
                select o.id, o.requested_by, o.finished_at from operations o
                where o.id in (select id from descendants) and o.status = 'COMPLETED'
                order by o.finished_at limit 1
            )
            update dead_letters d set state = 'RESOLVED', state_changed_at = now(),
                state_changed_by = c.requested_by, state_reason = 'resolved by retry ' || c.id,
                resolved_by_operation_id = c.id
            from completed c
            where d.state = 'OPEN' and d.operation_id = :operation
            """;

    private final NamedParameterJdbcTemplate jdbc;

    RetryResolutions(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** In the transaction that completed the operation, so the resolution commits with the completion or not at all. */
    @EventListener
    void onOperationChanged(OperationChanged changed) {
        Operation operation = changed.operation();
        if (!changed.becameTerminal()
                || operation.getStatus() != OperationStatus.COMPLETED
                || operation.getParentOperationId() == null) {
            return;
        }
        int resolved = jdbc.update(
                RESOLVE_ANCESTORS,
                new MapSqlParameterSource()
                        .addValue("completed", operation.getId())
                        .addValue("by", operation.getRequestedBy())
                        .addValue("reason", "resolved by retry " + operation.getId()));
        if (resolved > 0) {
            log.info("dead letters resolved by retry operation_id={} resolved={}", operation.getId(), resolved);
        }
    }

    /** For a dead letter just indexed: resolved at once when its chain completed before the index caught up. */
    boolean resolveIfCompletedLater(UUID operationId) {
        return jdbc.update(RESOLVE_IF_COMPLETED_LATER, new MapSqlParameterSource("operation", operationId)) > 0;
    }
}
