package io.rebound.gateway.operation;

import io.rebound.common.OperationSource;
import io.rebound.gateway.security.CurrentUser;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/operations")
class OperationController {

    private final OperationService operations;
    private final OperationViews views;
    private final OperationHistory history;
    private final RetryService retries;
    private final UserLimits userLimits;

    OperationController(
            OperationService operations,
            OperationViews views,
            OperationHistory history,
            RetryService retries,
            UserLimits userLimits) {
        this.operations = operations;
        this.views = views;
        this.history = history;
        this.retries = retries;
        this.userLimits = userLimits;
    }

    @GetMapping("/{id}")
    OperationView get(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        return views.of(operations.get(id, user.id()));
    }

    @GetMapping("/{id}/history")
    OperationHistory.History history(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        return history.of(operations.get(id, user.id()));
    }

    /** 201 with the new operation; 200 with the retry an earlier click already created. */
    @PostMapping("/{id}/retry")
    @ApiResponses({
        @ApiResponse(responseCode = "201", description = "A new operation retries the failed one"),
        @ApiResponse(responseCode = "200", description = "It was retried already: the existing retry")
    })
    ResponseEntity<OperationView> retry(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        RetryService.Retried retried =
                userLimits.inTurn(user.id(), () -> retries.retry(id, user.id(), user.email(), OperationSource.MANUAL));
        OperationView view = views.of(retried.operation());
        URI location = URI.create("/api/v1/operations/" + view.id());
        return retried.created()
                ? ResponseEntity.created(location).body(view)
                : ResponseEntity.ok().location(location).body(view);
    }
}
