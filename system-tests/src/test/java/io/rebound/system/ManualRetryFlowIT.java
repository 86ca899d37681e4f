package io.rebound.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.simulator.Fault;
import io.rebound.testsupport.ApiClient;
import io.rebound.testsupport.SharedInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A person presses Retry after an outage: the new operation completes and the history tells the whole story. */
class ManualRetryFlowIT extends SystemIT {

    @AfterEach
    void clearFaults() {
        SharedInfrastructure.simulator().clearFaults();
    }

    @Test
    void afterAnOutageARetryCompletesAndTheHistoryShowsBothOperations() {
        String role = uniqueRole();
        SharedInfrastructure.simulator().addFault(Fault.error(503).onlyWhenPromptContains(role));
        ApiClient ada = ada();
        String sessionId = newSession(ada, role);
        String failedId =
                ada.post("/api/v1/sessions/" + sessionId + "/questions").text("id");
        awaitStatus(ada, failedId, "failed", Duration.ofSeconds(40));

        SharedInfrastructure.simulator().clearFaults();
        ApiClient.Response retried = ada.post("/api/v1/operations/" + failedId + "/retry");
        assertThat(retried.status()).isEqualTo(201);
        String retryId = retried.text("id");
        JsonNode completed = awaitStatus(ada, retryId, "completed", Duration.ofSeconds(30));

        assertThat(completed.get("parent_operation_id").asString()).isEqualTo(failedId);
        assertThat(completed.get("retry_count").asInt()).isEqualTo(1);
        JsonNode chain =
                ada.get("/api/v1/operations/" + failedId + "/history").json().get("operations");
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).get("operation").get("status").asString()).isEqualTo("failed");
        assertThat(chain.get(0).get("attempts")).hasSize(4);
        assertThat(chain.get(1).get("operation").get("id").asString()).isEqualTo(retryId);
        assertThat(chain.get(1).get("operation").get("status").asString()).isEqualTo("completed");
        assertThat(ada.get("/api/v1/sessions/" + sessionId).json().get("messages"))
                .hasSize(1);
    }
}
