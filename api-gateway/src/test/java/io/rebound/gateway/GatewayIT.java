package io.rebound.gateway;

import io.rebound.testsupport.ApiClient;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * Base of the gateway's integration tests: the real application on a random port, against the JVM's one real Kafka
 * broker and PostgreSQL. Every subclass shares one Spring context. The worker is not running here; tests play its
 * part by producing status and dead-letter records on the real topics.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "rebound.demo-users.enabled=true",
            "rebound.gateway.watchdog-interval=300ms",
            "rebound.gateway.outbox-poll-interval=100ms"
        })
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
public abstract class GatewayIT {

    public static final String PASSWORD = "rebound";

    @LocalServerPort
    protected int port;

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected ApiClient ada() {
        return ApiClient.as(baseUrl(), "ada@example.com", PASSWORD);
    }

    protected ApiClient bob() {
        return ApiClient.as(baseUrl(), "bob@example.com", PASSWORD);
    }

    protected String newSession(ApiClient client) {
        return client.post("/api/v1/sessions", "{\"role\":\"Backend engineer\"}")
                .text("id");
    }
}
