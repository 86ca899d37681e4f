package io.rebound.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.common.OperationRequested;
import io.rebound.common.OperationStatus;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.Topics;
import io.rebound.worker.retry.DeadLetterHeaders;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Records the AI must not see: an operation past its deadline, and one that has already finished. */
class WastedCallsIT extends WorkerIT {

    @Test
    void anOperationPastItsDeadlineIsDeadLetteredAsTimedOutWithoutAnAiCall() {
        String role = uniqueRole();
        OperationRequested fresh = questionFor(role);
        OperationRequested stale = new OperationRequested(
                fresh.schemaVersion(),
                fresh.operationId(),
                fresh.operationType(),
                fresh.parameters(),
                fresh.sessionId(),
                fresh.messageId(),
                fresh.parentOperationId(),
                fresh.retryCount(),
                fresh.requestedBy(),
                fresh.source(),
                Instant.now().minus(workerProperties().operationDeadline()).minusSeconds(5));

        send(stale);

        ConsumerRecord<String, byte[]> letter =
                awaitDeadLetter(stale.operationId().toString(), Duration.ofSeconds(10));
        assertThat(header(letter, DeadLetterHeaders.ERROR_CODE)).isEqualTo("TIMED_OUT");
        assertThat(header(letter, DeadLetterHeaders.REASON)).contains("past its deadline");
        assertThat(requestsFor(role)).isEmpty();
        assertThat(statusEvents(stale)).isEmpty();
    }

    @Test
    void aRecordOfAnOperationThatAlreadyCompletedIsSkipped() {
        String role = uniqueRole();
        OperationRequested request = questionFor(role);
        send(request);
        awaitCompleted(request, Duration.ofSeconds(10));

        // As after a worker crash between publishing `completed` and committing the offset.
        send(request);
        OperationRequested behind = questionFor(uniqueRole());
        send(request.operationId().toString(), behind);

        // Behind the duplicate in its partition and started after it: once it is done, the duplicate was handled.
        awaitCompleted(behind, Duration.ofSeconds(10));
        assertThat(requestsFor(role)).hasSize(1);
        assertThat(statusEvents(request))
                .filteredOn(e -> e.status() == OperationStatus.COMPLETED)
                .hasSize(1);
        assertThat(records(
                        Topics.OPERATIONS_REQUESTED_DLT, request.operationId().toString()))
                .isEmpty();
        assertThat(statusEvents(request))
                .extracting(OperationStatusChanged::attempt)
                .containsOnly(1);
    }
}
