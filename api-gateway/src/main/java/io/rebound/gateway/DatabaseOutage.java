package io.rebound.gateway;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database that is unreachable or restarting apart from a request or record that is wrong. It matters where
 * the difference is easy to lose: when PostgreSQL goes away in the middle of a transaction, the rollback fails too,
 * and Spring reports the rollback's exception (a {@code TransactionSystemException} or {@code JpaSystemException})
 * instead of the connection error that caused it. Treated as a bug, that would dead-letter a valid status event
 * and commit its offset, and the operation would never finish.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {}

    /** The database could not be used; the same work will succeed once it is back. */
    public static final class DatabaseUnavailableException extends TransientDataAccessResourceException {
        DatabaseUnavailableException(Throwable cause) {
            super("the database is unavailable: " + cause, cause);
        }
    }

    /** Whether {@code failure}, or anything it wraps, says the database could not be reached or went away. */
    public static boolean isOutage(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return isOutage(failure, seen);
    }

    /**
     * {@code failure} as a retryable {@link TransientDataAccessException} if it is an outage, so an error handler that
     * retries transient data access failures retries it; otherwise {@code failure} itself.
     */
    public static RuntimeException retryable(RuntimeException failure) {
        if (failure instanceof TransientDataAccessException || !isOutage(failure)) {
            return failure;
        }
        return new DatabaseUnavailableException(failure);
    }

    private static boolean isOutage(Throwable failure, Set<Throwable> seen) {
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof TransientDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof SocketException
                    // Hibernate could not begin, commit or roll back on the connection: the connection failed.
                    // (HikariCP's "Connection is closed" behind it carries no SQLSTATE to go by.)
                    || t instanceof org.hibernate.TransactionException) {
                return true;
            }
            if (t instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
            if (t instanceof TransactionSystemException tx
                    && tx.getApplicationException() != null
                    && isOutage(tx.getApplicationException(), seen)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes 08 (connection exception), 53 (insufficient resources), 57P (operator intervention: shutdown,
     * crash, cannot connect now), and 40001 / 40P01 (serialization failure, deadlock: retry the transaction).
     */
    private static boolean isConnectionState(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("53")
                        || state.startsWith("57P")
                        || state.equals("40001")
                        || state.equals("40P01"));
    }
}
