package io.rebound.gateway.session;

import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationType;
import io.rebound.gateway.operation.Operation;
import io.rebound.gateway.operation.OperationRepository;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rows for the session query tests, written with the times the test chooses (the entities stamp "now"). */
final class SessionRows {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final JdbcTemplate jdbc;
    private final OperationRepository operations;

    SessionRows(JdbcTemplate jdbc, OperationRepository operations) {
        this.jdbc = jdbc;
        this.operations = operations;
    }

    UUID user() {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "insert into users (id, email, password_hash, display_name, role) values (?, ?, ?, ?, 'USER')",
                id,
                "user-" + id + "@example.com",
                "{noop}unused",
                "Test user");
        return id;
    }

    UUID session(UUID owner) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "insert into interview_sessions (id, owner_id, role, created_at) values (?, ?, ?, ?)",
                id,
                owner,
                "Backend engineer",
                Timestamp.from(T0));
        return id;
    }

    UUID message(UUID session, SessionMessage.Kind kind, int second) {
        return message(UUID.randomUUID(), session, kind, second);
    }

    UUID message(UUID id, UUID session, SessionMessage.Kind kind, int second) {
        jdbc.update(
                "insert into session_messages (id, session_id, kind, content, created_at) values (?, ?, ?, ?, ?)",
                id,
                session,
                kind.name(),
                kind + " at " + second,
                Timestamp.from(T0.plusSeconds(second)));
        return id;
    }

    /** A pending question of {@code session}, created {@code second}s after {@link #T0}, on {@code message} if given. */
    Operation operation(UUID session, UUID message, int second) {
        OperationRequested request = new OperationRequested(
                OperationRequested.SCHEMA_VERSION,
                UUID.randomUUID(),
                OperationType.QUESTION_GENERATION,
                Map.of("role", "Backend engineer"),
                session,
                message,
                null,
                0,
                "ada@example.com",
                OperationSource.API,
                T0.plusSeconds(second));
        return operations.saveAndFlush(Operation.requested(request, null, Duration.ofMinutes(5)));
    }

    /** {@code failed}'s retry, created {@code second}s after {@link #T0}. */
    Operation retryOf(Operation failed, int second) {
        Operation retry = operations.saveAndFlush(
                failed.retry(null, "ada@example.com", OperationSource.MANUAL, 10, Duration.ofMinutes(5)));
        jdbc.update(
                "update operations set created_at = ? where id = ?",
                Timestamp.from(T0.plusSeconds(second)),
                retry.getId());
        return retry;
    }
}
