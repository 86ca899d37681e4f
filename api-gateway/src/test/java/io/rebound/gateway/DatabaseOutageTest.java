package io.rebound.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.sql.SQLException;
import org.hibernate.TransactionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseOutageTest {

    /** What Spring reports when PostgreSQL goes away mid-transaction: the failed rollback, not the lost connection. */
    @Test
    void aRollbackThatFailedBecauseTheConnectionWentAwayIsAnOutage() {
        SQLException closed = new SQLException("This connection has been closed.", "08003");
        JpaSystemException rollbackFailed =
                new JpaSystemException(new TransactionException("Unable to rollback against JDBC Connection", closed));

        assertThat(DatabaseOutage.isOutage(rollbackFailed)).isTrue();
        assertThat(DatabaseOutage.retryable(rollbackFailed)).isInstanceOf(TransientDataAccessException.class);
    }

    /** Exactly what make chaos caught: HikariCP's closed-connection error has no SQLSTATE. */
    @Test
    void aRollbackOnAConnectionThePoolAlreadyClosedIsAnOutage() {
        JpaSystemException rollbackFailed = new JpaSystemException(new TransactionException(
                "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));

        assertThat(DatabaseOutage.isOutage(rollbackFailed)).isTrue();
    }

    @Test
    void theApplicationExceptionBehindAFailedRollbackCounts() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("rollback failed");
        rollbackFailed.initApplicationException(
                new RuntimeException("I/O error", new SQLException("An I/O error occurred", "08006")));

        assertThat(DatabaseOutage.isOutage(rollbackFailed)).isTrue();
    }

    @Test
    void shutdownsBrokenSocketsAndDeadlocksAreOutages() {
        assertThat(DatabaseOutage.isOutage(
                        new SQLException("terminating connection due to administrator command", "57P01")))
                .isTrue();
        assertThat(DatabaseOutage.isOutage(new RuntimeException(new SocketException("Broken pipe"))))
                .isTrue();
        assertThat(DatabaseOutage.isOutage(new SQLException("deadlock detected", "40P01")))
                .isTrue();
    }

    /** A wrong record or a bug must not be retried forever: that would block its partition. */
    @Test
    void badDataAndBugsAreNotOutagesAndStayAsTheyAre() {
        DataIntegrityViolationException duplicate =
                new DataIntegrityViolationException("duplicate key", new SQLException("duplicate key value", "23505"));
        IllegalStateException bug = new IllegalStateException("unexpected state");

        assertThat(DatabaseOutage.isOutage(duplicate)).isFalse();
        assertThat(DatabaseOutage.isOutage(bug)).isFalse();
        assertThat(DatabaseOutage.retryable(bug)).isSameAs(bug);
        assertThat(DatabaseOutage.retryable(duplicate)).isSameAs(duplicate);
    }
}
