package io.rebound.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rebound.gateway.GatewayApplication;
import io.rebound.localstack.LocalKafka;
import io.rebound.testsupport.ApiClient;
import io.rebound.testsupport.SharedInfrastructure;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Kafka down when a person asks for a question: the API still accepts it (the outbox holds the event) and the
 * operation completes once the broker is back. Uses its own restartable KRaft broker (data kept across the restart)
 * and its own database, so the shared ones stay untouched.
 */
@SpringBootTest(
        classes = GatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rebound.demo-users.enabled=true", "rebound.gateway.outbox-poll-interval=100ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboxKafkaOutageIT {

    private static Path kafkaData;
    private static int kafkaPort;
    private static int controllerPort;
    private static LocalKafka kafka;
    private static WorkerProcess worker;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        kafkaData = Files.createTempDirectory("rebound-outage-kafka");
        kafkaPort = freePort();
        controllerPort = freePort();
        kafka = LocalKafka.start(kafkaData, kafkaPort, controllerPort);
        try (Connection connection =
                        SharedInfrastructure.postgres().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create database rebound_outage");
        }
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add(
                "spring.datasource.url",
                () -> SharedInfrastructure.postgres().getJdbcUrl("postgres", "rebound_outage"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("rebound.metrics.password", () -> SharedInfrastructureInitializer.METRICS_PASSWORD);
        registry.add(
                "spring.ai.openai.base-url",
                () -> SharedInfrastructure.simulator().baseUrl() + "/v1");
        worker = WorkerProcess.start(kafka.bootstrapServers(), Map.of("REBOUND_WORKER_GROUP", "outage-worker"));
    }

    @AfterAll
    static void stopBroker() {
        worker.stop();
        kafka.close();
    }

    @Test
    void aQuestionAskedWhileKafkaIsDownIsAcceptedAndCompletesWhenItIsBack() {
        ApiClient ada = ApiClient.as("http://localhost:" + port, "ada@example.com", "rebound");
        String sessionId = ada.post("/api/v1/sessions", "{\"role\":\"Site reliability engineer\"}")
                .text("id");

        kafka.close();
        ApiClient.Response accepted = ada.post("/api/v1/sessions/" + sessionId + "/questions");

        assertThat(accepted.status()).isEqualTo(202);
        String operationId = accepted.text("id");
        assertThat(unpublished(operationId)).isEqualTo(1);

        kafka = LocalKafka.start(kafkaData, kafkaPort, controllerPort);

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> ada.get("/api/v1/operations/" + operationId).text("status"), "completed"::equals);
        assertThat(unpublished(operationId)).isZero();
        assertThat(ada.get("/api/v1/sessions/" + sessionId).json().get("messages"))
                .hasSize(1);
    }

    private int unpublished(String operationId) {
        return jdbc.queryForObject(
                "select count(*) from outbox_events where aggregate_id = ?::uuid and published_at is null",
                Integer.class,
                operationId);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
