package io.rebound.gateway.deadletter;

import io.rebound.gateway.security.CurrentUser;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The SRE's view of the dead-letter topic (role ADMIN): list, inspect, group by cause, redrive, discard. */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
class DeadLetterAdminController {

    private static final int MAX_PAGE_SIZE = 500;

    private final DeadLetterIndex index;
    private final RedriveService redrives;
    private final AdminAudit audit;

    DeadLetterAdminController(DeadLetterIndex index, RedriveService redrives, AdminAudit audit) {
        this.index = index;
        this.redrives = redrives;
        this.audit = audit;
    }

    record DiscardRequest(DeadLetterFilter filter, List<Long> ids, String reason) {}

    @Schema(name = "DiscardResult")
    record Discarded(long auditId, int matched, int discarded) {}

    @GetMapping
    DeadLetterViews.Page list(
            @RequestParam(name = "error_code", required = false) String errorCode,
            @RequestParam(name = "exception_class", required = false) String exceptionClass,
            @RequestParam(name = "operation_type", required = false) String operationType,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) Instant since,
            @RequestParam(required = false) Instant until,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidFilterException("page must be >= 0 and size 1.." + MAX_PAGE_SIZE);
        }
        DeadLetterFilter filter = new DeadLetterFilter(errorCode, exceptionClass, operationType, state, since, until);
        return new DeadLetterViews.Page(index.list(filter, page, size), page, size, index.count(filter));
    }

    @GetMapping("/summary")
    DeadLetterViews.GroupSummary summary(
            @RequestParam(defaultValue = "open") String state,
            @RequestParam(required = false) Instant since,
            @RequestParam(required = false) Instant until) {
        DeadLetterFilter filter = new DeadLetterFilter(null, null, null, state, since, until);
        List<DeadLetterViews.Group> groups = index.groups(filter);
        return new DeadLetterViews.GroupSummary(
                groups.stream().mapToLong(DeadLetterViews.Group::count).sum(), groups);
    }

    @GetMapping("/{id}")
    DeadLetterViews.Detail get(@PathVariable long id) {
        return index.get(id).orElseThrow(() -> new DeadLetterNotFoundException(id));
    }

    /** A dry run answers 200 with what would happen; a real redrive starts and answers 202 with its progress link. */
    @PostMapping("/redrive")
    @ApiResponse(responseCode = "200", description = "A dry run: what a redrive would do")
    @ApiResponse(responseCode = "202", description = "The redrive started; Location is its progress")
    ResponseEntity<RedriveService.Plan> redrive(
            @RequestBody RedriveService.Request request, @AuthenticationPrincipal CurrentUser user) {
        RedriveService.Plan plan = redrives.redrive(request, user.email());
        return plan.dryRun()
                ? ResponseEntity.ok(plan)
                : ResponseEntity.status(HttpStatus.ACCEPTED)
                        .header("Location", "/api/v1/admin/dead-letters/actions/" + plan.auditId())
                        .body(plan);
    }

    @PostMapping("/discard")
    @Transactional
    Discarded discard(@RequestBody DiscardRequest request, @AuthenticationPrincipal CurrentUser user) {
        if (request.reason() == null || request.reason().isBlank()) {
            throw new InvalidFilterException("a reason is required to discard dead letters");
        }
        if (request.ids() != null && !request.ids().isEmpty()) {
            long auditId = audit.start(
                    user.email(),
                    "DISCARD",
                    Map.of("ids", request.ids()),
                    false,
                    request.ids().size());
            int discarded = (int) request.ids().stream()
                    .filter(id -> index.close(id, DeadLetterState.DISCARDED, user.email(), request.reason(), null))
                    .count();
            audit.progress(auditId, discarded, Map.of(), true);
            return new Discarded(auditId, request.ids().size(), discarded);
        }
        if (request.filter() == null) {
            throw new InvalidFilterException("give ids or a filter of the dead letters to discard");
        }
        DeadLetterFilter filter = request.filter().withDefaultState("open");
        int matched = (int) index.count(filter);
        long auditId = audit.start(user.email(), "DISCARD", filter, false, matched);
        int discarded = index.discard(filter, user.email(), request.reason());
        audit.progress(auditId, discarded, Map.of(), true);
        return new Discarded(auditId, matched, discarded);
    }

    /** Progress and outcome of a redrive or discard, from the audit trail (so any gateway can answer). */
    @GetMapping("/actions/{auditId}")
    AdminAudit.Action action(@PathVariable long auditId) {
        AdminAudit.Action action = audit.get(auditId);
        if (action == null) {
            throw new DeadLetterNotFoundException(auditId);
        }
        return action;
    }
}
