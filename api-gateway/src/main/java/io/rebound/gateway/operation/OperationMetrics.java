package io.rebound.gateway.operation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rebound.common.ErrorCode;
import io.rebound.common.OperationType;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Counts operations as they are requested and as they end, once each, after the change committed. */
@Component
class OperationMetrics {

    private final MeterRegistry registry;

    OperationMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered at zero so that rate() and increase() see the first failure of each kind too.
        for (OperationType type : OperationType.values()) {
            finished(type.wireName(), "completed", "none");
            for (ErrorCode code : ErrorCode.values()) {
                finished(type.wireName(), "failed", code.name());
            }
        }
    }

    private Counter finished(String type, String status, String errorCode) {
        return Counter.builder("rebound.operations.finished")
                .description("Operations that reached completed or failed, by type, status and error code")
                .tag("operation_type", type)
                .tag("status", status)
                .tag("error_code", errorCode)
                .register(registry);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onOperationChanged(OperationChanged changed) {
        Operation operation = changed.operation();
        String type = operation.getType().wireName();
        if (changed.previousStatus() == null) {
            Counter.builder("rebound.operations.requested")
                    .description("Operations accepted, by type and source")
                    .tag("operation_type", type)
                    .tag("source", operation.getSource().wireName())
                    .register(registry)
                    .increment();
        }
        if (changed.becameTerminal()) {
            String status = operation.getStatus().wireName();
            String errorCode = operation.getErrorCode() == null ? "none" : operation.getErrorCode();
            finished(type, status, errorCode).increment();
            Timer.builder("rebound.operations.duration")
                    .description("From request to completed or failed")
                    .tag("operation_type", type)
                    .tag("status", status)
                    .publishPercentileHistogram()
                    .maximumExpectedValue(Duration.ofMinutes(6))
                    .register(registry)
                    .record(Duration.between(operation.getCreatedAt(), operation.getUpdatedAt()));
        }
    }
}
