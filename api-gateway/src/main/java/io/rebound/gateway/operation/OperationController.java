package io.rebound.gateway.operation;

import io.rebound.gateway.security.CurrentUser;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/operations")
class OperationController {

    private final OperationService operations;
    private final OperationViews views;

    OperationController(OperationService operations, OperationViews views) {
        this.operations = operations;
        this.views = views;
    }

    @GetMapping("/{id}")
    OperationView get(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        return views.of(operations.get(id, user.id()));
    }
}
