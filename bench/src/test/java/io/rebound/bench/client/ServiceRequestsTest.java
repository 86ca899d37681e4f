package io.rebound.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.common.EventJson;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.OperationType;
import io.rebound.common.kafka.OperationRequestedDeserializer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the bench writes as another service, and reads back, is the contract the worker and gateway speak. */
class ServiceRequestsTest {

    @Test
    void theRequestIsAValidOperationRequestedFromAnExternalService() {
        UUID id = UUID.randomUUID();

        OperationRequested request = new OperationRequestedDeserializer()
                .deserialize(
                        ServiceRequests.REQUESTED_TOPIC,
                        ServiceRequests.request(id, "Backend engineer 07", "ada@example.com"));

        assertThat(request.operationId()).isEqualTo(id);
        assertThat(request.operationType()).isEqualTo(OperationType.QUESTION_GENERATION);
        assertThat(request.parameter("role")).isEqualTo("Backend engineer 07");
        assertThat(request.source()).isEqualTo(OperationSource.EXTERNAL);
        assertThat(request.requestedBy()).isEqualTo("ada@example.com");
        assertThat(request.retryCount()).isZero();
        assertThat(request.requestedAt()).isNotNull();
    }

    @Test
    void readsTheOperationAndStatusOfTheWorkersStatusEvents() {
        OperationRequested request = new OperationRequestedDeserializer()
                .deserialize(
                        ServiceRequests.REQUESTED_TOPIC,
                        ServiceRequests.request(UUID.randomUUID(), "Data engineer", "ada@example.com"));

        String[] processing =
                ServiceRequests.idAndStatus(EventJson.write(OperationStatusChanged.processing(request, 1, 4)));
        String[] completed = ServiceRequests.idAndStatus(
                EventJson.write(OperationStatusChanged.completed(request, 1, 4, "What is a window function?")));

        assertThat(processing).containsExactly(request.operationId().toString(), "processing");
        assertThat(completed).containsExactly(request.operationId().toString(), "completed");
    }

    @Test
    void ignoresRecordsThatAreNotStatusEvents() {
        assertThat(ServiceRequests.idAndStatus("not json".getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThat(ServiceRequests.idAndStatus("{\"status\":\"completed\"}".getBytes(StandardCharsets.UTF_8)))
                .isNull();
    }
}
