package io.rebound.gateway.operation;

import io.rebound.gateway.availability.AiAvailability;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Builds {@link OperationView}s, looking up in one query which of them were retried and by what. */
@Component
public class OperationViews {

    private final OperationRepository operations;
    private final AiAvailability availability;

    OperationViews(OperationRepository operations, AiAvailability availability) {
        this.operations = operations;
        this.availability = availability;
    }

    @Transactional(readOnly = true)
    public OperationView of(Operation operation) {
        return OperationView.of(
                operation,
                operations
                        .findByParentOperationId(operation.getId())
                        .map(Operation::getId)
                        .orElse(null),
                availability);
    }

    @Transactional(readOnly = true)
    public Optional<OperationView> byId(UUID id) {
        return operations.findById(id).map(this::of);
    }

    @Transactional(readOnly = true)
    public List<OperationView> forSession(UUID sessionId) {
        List<Operation> all = operations.findBySessionIdOrderByCreatedAt(sessionId);
        Map<UUID, UUID> retriedBy = all.stream()
                .filter(o -> o.getParentOperationId() != null)
                .collect(Collectors.toMap(Operation::getParentOperationId, Operation::getId, (a, b) -> a));
        return all.stream()
                .map(o -> OperationView.of(o, retriedBy.get(o.getId()), availability))
                .toList();
    }
}
