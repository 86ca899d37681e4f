package io.rebound.gateway.operation;

import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations as an SRE sees them (role ADMIN, like everything under {@code /api/v1/admin}): the retry chain of any
 * user's operation, which the dead-letter console links to. Same shape as the owner's own history.
 */
@RestController
@RequestMapping("/api/v1/admin/operations")
class AdminOperationController {

    private final OperationService operations;
    private final OperationHistory history;

    AdminOperationController(OperationService operations, OperationHistory history) {
        this.operations = operations;
        this.history = history;
    }

    @GetMapping("/{id}/history")
    OperationHistory.History history(@PathVariable UUID id) {
        return history.of(operations.getForAdmin(id));
    }
}
