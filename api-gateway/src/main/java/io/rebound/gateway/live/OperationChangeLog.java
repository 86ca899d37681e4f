package io.rebound.gateway.live;

import io.rebound.gateway.operation.Operation;
import io.rebound.gateway.operation.OperationChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records each change of a session's operation in the transaction that made it, and notifies every gateway through
 * PostgreSQL's NOTIFY, which is delivered only when that transaction commits. So a live update is never sent for a
 * change that rolled back, nor before the change can be read.
 */
@Component
class OperationChangeLog {

    static final String CHANNEL = "rebound_operation_changes";

    private final JdbcTemplate jdbc;

    OperationChangeLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void onOperationChanged(OperationChanged changed) {
        Operation operation = changed.operation();
        if (operation.getSessionId() == null) {
            return;
        }
        Long id = jdbc.queryForObject(
                "insert into operation_changes (session_id, operation_id) values (?, ?) returning id",
                Long.class,
                operation.getSessionId(),
                operation.getId());
        jdbc.query("select pg_notify(?, ?)", rs -> {}, CHANNEL, id + ":" + operation.getSessionId());
    }
}
