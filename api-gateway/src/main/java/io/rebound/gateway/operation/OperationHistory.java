package io.rebound.gateway.operation;

import io.rebound.gateway.availability.AiAvailability;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The retry chain an operation belongs to, oldest first, each with its automatic attempts. */
@Component
class OperationHistory {

    private static final int MAX_CHAIN = 1_000;

    private final OperationRepository operations;
    private final OperationAttemptRepository attempts;
    private final AiAvailability availability;

    OperationHistory(OperationRepository operations, OperationAttemptRepository attempts, AiAvailability availability) {
        this.operations = operations;
        this.attempts = attempts;
        this.availability = availability;
    }

    @Schema(name = "Attempt")
    record AttemptView(
            int number,
            Instant startedAt,
            @Schema(nullable = true) Instant endedAt,
            String outcome,
            @Schema(nullable = true) String errorClass,
            @Schema(nullable = true) Integer httpStatus,
            @Schema(nullable = true) String errorMessage,
            @Schema(nullable = true) Instant nextRetryAt) {
        static AttemptView of(OperationAttempt a) {
            return new AttemptView(
                    a.getNumber(),
                    a.getStartedAt(),
                    a.getEndedAt(),
                    a.getOutcome(),
                    a.getErrorClass(),
                    a.getHttpStatus(),
                    a.getErrorMessage(),
                    a.getNextRetryAt());
        }
    }

    @Schema(name = "HistoryEntry")
    record Entry(OperationView operation, List<AttemptView> attempts) {}

    @Schema(name = "OperationHistory", description = "The retry chain, oldest first")
    record History(List<Entry> operations) {}

    @Transactional(readOnly = true)
    History of(Operation start) {
        List<Operation> chain = new ArrayList<>();
        Operation current = start;
        while (current.getParentOperationId() != null && chain.size() < MAX_CHAIN) {
            Optional<Operation> parent = operations.findById(current.getParentOperationId());
            if (parent.isEmpty()) {
                break;
            }
            chain.add(parent.get());
            current = parent.get();
        }
        Collections.reverse(chain);
        chain.add(start);
        Optional<Operation> child = operations.findByParentOperationId(start.getId());
        while (child.isPresent() && chain.size() < MAX_CHAIN) {
            chain.add(child.get());
            child = operations.findByParentOperationId(child.get().getId());
        }
        Map<UUID, List<AttemptView>> byOperation =
                attempts
                        .findByOperationIdInOrderByNumber(
                                chain.stream().map(Operation::getId).toList())
                        .stream()
                        .collect(Collectors.groupingBy(
                                OperationAttempt::getOperationId,
                                Collectors.mapping(AttemptView::of, Collectors.toList())));
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            Operation operation = chain.get(i);
            UUID retriedBy = i + 1 < chain.size() ? chain.get(i + 1).getId() : null;
            entries.add(new Entry(
                    OperationView.of(operation, retriedBy, availability),
                    byOperation.getOrDefault(operation.getId(), List.of())));
        }
        return new History(entries);
    }
}
