package io.rebound.gateway.operation;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One automatic attempt of an operation, as the worker reported it. */
@Entity
@Table(name = "operation_attempts")
class OperationAttempt {

    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private UUID operationId;
    private int number;
    private Instant startedAt;
    private Instant endedAt;
    private String outcome;
    private String errorClass;
    private Integer httpStatus;
    private String errorMessage;
    private Instant nextRetryAt;

    protected OperationAttempt() {}

    OperationAttempt(UUID operationId, int number, Instant startedAt) {
        this.operationId = operationId;
        this.number = number;
        this.startedAt = startedAt;
        this.outcome = RUNNING;
    }

    void succeeded(Instant at) {
        outcome = SUCCEEDED;
        endedAt = at;
    }

    void failed(Instant at, String errorClass, Integer httpStatus, String errorMessage, Instant nextRetryAt) {
        outcome = FAILED;
        endedAt = at;
        this.errorClass = errorClass;
        this.httpStatus = httpStatus;
        this.errorMessage = errorMessage;
        this.nextRetryAt = nextRetryAt;
    }

    public UUID getOperationId() {
        return operationId;
    }

    public int getNumber() {
        return number;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getEndedAt() {
        return endedAt;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getErrorClass() {
        return errorClass;
    }

    public Integer getHttpStatus() {
        return httpStatus;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    public Instant getNextRetryAt() {
        return nextRetryAt;
    }
}
