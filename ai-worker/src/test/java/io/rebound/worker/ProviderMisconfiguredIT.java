package io.rebound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rebound.common.OperationRequested;
import io.rebound.simulator.Fault;
import io.rebound.worker.management.ProviderCredentialHealth;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Status;

/** A provider that refuses every call with 401 makes the worker's readiness say "misconfigured", until a call works. */
class ProviderMisconfiguredIT extends WorkerIT {

    @Autowired
    ProviderCredentialHealth aiProvider;

    @Autowired
    ApplicationAvailability availability;

    @Test
    void everyCallRefusedWith401TakesReadinessOutOfServiceAsMisconfigured() {
        String role = uniqueRole();
        simulator.addFault(Fault.error(401).onlyWhenPromptContains(role));

        for (int i = 0; i < 3; i++) {
            OperationRequested request = questionFor(role);
            send(request);
            awaitDeadLetter(request.operationId().toString(), Duration.ofSeconds(30));
        }

        assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
        assertThat(aiProvider.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(aiProvider.health().getDetails())
                .containsEntry("provider", "misconfigured")
                .hasEntrySatisfying(
                        "reason", reason -> assertThat((String) reason).contains("HTTP 401"));

        simulator.clearFaults();
        OperationRequested working = questionFor(uniqueRole());
        send(working);
        awaitCompleted(working, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Status.UP.equals(aiProvider.health().getStatus()));
        assertThat(aiProvider.health().getDetails()).isEqualTo(Map.of());
        assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
    }
}
