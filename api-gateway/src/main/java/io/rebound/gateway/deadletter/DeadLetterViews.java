package io.rebound.gateway.deadletter;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The admin API's shapes (snake_case on the wire). */
final class DeadLetterViews {

    private DeadLetterViews() {}

    @Schema(name = "DeadLetter")
    record Summary(
            long id,
            String topic,
            int partition,
            long offset,
            @Schema(nullable = true) UUID operationId,
            @Schema(nullable = true) String operationType,
            String errorCode,
            @Schema(nullable = true) String exceptionClass,
            @Schema(nullable = true) String reason,
            @Schema(nullable = true) String originalTopic,
            @Schema(nullable = true) Integer originalPartition,
            @Schema(nullable = true) Long originalOffset,
            @Schema(nullable = true) Integer attempts,
            Instant deadLetteredAt,
            String state,
            @Schema(nullable = true) Instant stateChangedAt,
            @Schema(nullable = true) String stateChangedBy,
            @Schema(nullable = true) String stateReason,
            @Schema(nullable = true) UUID redriveOperationId,
            @Schema(nullable = true) UUID resolvedByOperationId) {}

    @Schema(name = "DeadLetterDetail")
    record Detail(
            Summary deadLetter,
            @Schema(nullable = true) String key,
            @Schema(nullable = true) String exceptionMessage,
            Map<String, String> headers,
            @Schema(nullable = true) String payload) {}

    @Schema(name = "DeadLetterPage")
    record Page(List<Summary> items, int page, int size, long total) {}

    @Schema(name = "DeadLetterGroup")
    record Group(
            String errorCode,
            @Schema(nullable = true) String exceptionClass,
            @Schema(nullable = true) String operationType,
            long count,
            @Schema(nullable = true) Instant oldest,
            @Schema(nullable = true) Instant newest) {}

    @Schema(name = "DeadLetterSummary")
    record GroupSummary(long total, List<Group> groups) {}
}
