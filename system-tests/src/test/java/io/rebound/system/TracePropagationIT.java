package io.rebound.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rebound.testsupport.ApiClient;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** One trace id follows an operation from the HTTP request through the outbox relay and Kafka into the worker. */
class TracePropagationIT extends SystemIT {

    @Test
    void theRequestsTraceIdFollowsTheOperationIntoTheWorker() {
        ApiClient ada = ada();
        String sessionId = newSession(ada, uniqueRole());
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceParent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";

        String operationId = ada.send(ada.request("/api/v1/sessions/" + sessionId + "/questions")
                        .header("traceparent", traceParent)
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()))
                .text("id");
        awaitStatus(ada, operationId, "completed", Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(WorkerProcess.shared().logText())
                        .containsPattern(traceId + ".*operation completed operation_id=" + operationId));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1;
        return bytes;
    }
}
