package io.rebound.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.simulator.Fault;
import io.rebound.testsupport.ApiClient;
import io.rebound.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Transient AI failures as a person sees them: retried automatically, then either completed or failed. */
class AutomaticRetryFlowIT extends SystemIT {

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void clearFaults() {
        SharedInfrastructure.simulator().clearFaults();
    }

    @Test
    void twoTransientFailuresThenSuccessCompleteAfterThreeAttempts() {
        String role = uniqueRole();
        SharedInfrastructure.simulator().addFault(Fault.error(503).withTimes(2).onlyWhenPromptContains(role));
        ApiClient ada = ada();
        String operationId = ada.post("/api/v1/sessions/" + newSession(ada, role) + "/questions")
                .text("id");

        JsonNode completed = awaitStatus(ada, operationId, "completed", Duration.ofSeconds(30));

        assertThat(completed.get("attempt_count").asInt()).isEqualTo(3);
        assertThat(SharedInfrastructure.simulator().requests().countFor(role)).isEqualTo(3);
        List<Map<String, Object>> attempts = jdbc.queryForList(
                "select number, outcome, http_status from operation_attempts where operation_id = ?::uuid"
                        + " order by number",
                operationId);
        assertThat(attempts).extracting(row -> row.get("outcome")).containsExactly("failed", "failed", "succeeded");
        assertThat(attempts.get(0).get("http_status")).isEqualTo(503);
    }

    @Test
    void anOutageFailsTheOperationAfterFourAttemptsWithAMessageToAct() {
        String role = uniqueRole();
        SharedInfrastructure.simulator().addFault(Fault.error(503).onlyWhenPromptContains(role));
        ApiClient ada = ada();
        String operationId = ada.post("/api/v1/sessions/" + newSession(ada, role) + "/questions")
                .text("id");

        JsonNode failed = awaitStatus(ada, operationId, "failed", Duration.ofSeconds(40));

        assertThat(failed.get("error_code").asString()).isEqualTo("AI_UNAVAILABLE");
        assertThat(failed.get("error_message").asString()).contains("What to do:");
        assertThat(failed.get("attempt_count").asInt()).isEqualTo(4);
        assertThat(SharedInfrastructure.simulator().requests().countFor(role)).isEqualTo(4);
    }
}
