package io.rebound.gateway.deadletter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The admin API's shapes (snake_case on the wire). */
final class DeadLetterViews {

    private DeadLetterViews() {}

    record Summary(
            long id,
            String topic,
            int partition,
            long offset,
            UUID operationId,
            String operationType,
            String errorCode,
            String exceptionClass,
            String reason,
            String originalTopic,
            Integer originalPartition,
            Long originalOffset,
            Integer attempts,
            Instant deadLetteredAt,
            String state,
            Instant stateChangedAt,
            String stateChangedBy,
            String stateReason,
            UUID redriveOperationId,
            UUID resolvedByOperationId) {}

    record Detail(
            Summary deadLetter, String key, String exceptionMessage, Map<String, String> headers, String payload) {}

    record Page(List<Summary> items, int page, int size, long total) {}

    record Group(
            String errorCode,
            String exceptionClass,
            String operationType,
            long count,
            Instant oldest,
            Instant newest) {}

    record GroupSummary(long total, List<Group> groups) {}
}
