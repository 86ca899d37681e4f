package io.rebound.system;

import static org.awaitility.Awaitility.await;

import io.rebound.gateway.GatewayApplication;
import io.rebound.testsupport.ApiClient;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * Whole flows as users see them: the gateway in this JVM, the worker jar as its own process, one real broker, one real
 * PostgreSQL and the AI simulator over HTTP. Each test uses its own role, so the simulator's faults can be scoped to
 * that test's prompts with {@code when_prompt_contains}.
 */
@SpringBootTest(
        classes = GatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rebound.demo-users.enabled=true", "rebound.gateway.outbox-poll-interval=100ms"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
abstract class SystemIT {

    @LocalServerPort
    int port;

    @BeforeAll
    static void startWorker() {
        WorkerProcess.shared();
    }

    ApiClient ada() {
        return ApiClient.as("http://localhost:" + port, "ada@example.com", "rebound");
    }

    static String uniqueRole() {
        return "Backend engineer " + UUID.randomUUID().toString().substring(0, 8);
    }

    static String newSession(ApiClient client, String role) {
        return client.post("/api/v1/sessions", "{\"role\":\"" + role + "\"}").text("id");
    }

    static JsonNode awaitStatus(ApiClient client, String operationId, String status, Duration timeout) {
        return await().atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> client.get("/api/v1/operations/" + operationId).json(),
                        json -> status.equals(json.get("status").asString()));
    }
}
