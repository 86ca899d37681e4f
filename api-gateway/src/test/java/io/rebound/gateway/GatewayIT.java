package io.rebound.gateway;

import static org.awaitility.Awaitility.await;

import io.rebound.common.EventJson;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.Topics;
import io.rebound.gateway.user.UserAccount;
import io.rebound.gateway.user.UserRepository;
import io.rebound.testsupport.ApiClient;
import io.rebound.testsupport.AsyncApiContract;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import io.rebound.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

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
            "rebound.gateway.outbox-poll-interval=100ms",
            "rebound.live.heartbeat=1s"
        })
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
public abstract class GatewayIT {

    public static final String PASSWORD = "rebound";

    @LocalServerPort
    protected int port;

    @Autowired
    protected KafkaTemplate<String, Object> kafka;

    @Autowired
    private UserRepository users;

    @Autowired
    private PasswordEncoder passwordEncoder;

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected ApiClient ada() {
        return ApiClient.as(baseUrl(), "ada@example.com", PASSWORD);
    }

    protected ApiClient bob() {
        return ApiClient.as(baseUrl(), "bob@example.com", PASSWORD);
    }

    /** The email of a new user account with {@link #PASSWORD}, so counts and limits of one test meet no other's. */
    protected String newAccount(String name) {
        String email = name + "-" + UUID.randomUUID() + "@example.com";
        users.save(new UserAccount(email, passwordEncoder.encode(PASSWORD), name, UserAccount.ROLE_USER));
        return email;
    }

    protected ApiClient as(String email) {
        return ApiClient.as(baseUrl(), email, PASSWORD);
    }

    protected String newSession(ApiClient client) {
        return client.post("/api/v1/sessions", "{\"role\":\"Backend engineer\"}")
                .text("id");
    }

    /** The request event the gateway published for an operation, as the worker would read it. */
    protected OperationRequested requestOnTopic(String operationId) {
        ConsumerRecord<String, byte[]> record = TopicReader.await(
                Topics.OPERATIONS_REQUESTED, r -> operationId.equals(r.key()), Duration.ofSeconds(20));
        // The worker and other services read the relay's records: docs/asyncapi.yaml names every header on them.
        AsyncApiContract.load().assertDocumented("OperationRequested", record);
        return EventJson.read(record.value(), OperationRequested.class);
    }

    /** Plays the worker: a status event on the real topic. */
    protected void status(OperationStatusChanged event) throws ExecutionException, InterruptedException {
        kafka.send(Topics.OPERATIONS_STATUS, event.operationId().toString(), event)
                .get();
    }

    /** Plays the worker's dead-letter recoverer: the operation's request as published, with the worker's headers. */
    protected void deadLetter(String operationId, String errorCode) throws ExecutionException, InterruptedException {
        ProducerRecord<String, Object> record = new ProducerRecord<>(
                Topics.OPERATIONS_REQUESTED_DLT, operationId, EventJson.write(requestOnTopic(operationId)));
        record.headers().add("rebound_error_code", errorCode.getBytes(StandardCharsets.UTF_8));
        record.headers().add("rebound_reason", "InternalServerException: 503".getBytes(StandardCharsets.UTF_8));
        // As the worker writes it: the number of attempts made.
        record.headers().add("rebound_attempts", "4".getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get();
    }

    /** A question operation of ada's that failed after its automatic attempts. */
    protected String failedQuestion(ApiClient client, String sessionId) throws Exception {
        String operationId =
                client.post("/api/v1/sessions/" + sessionId + "/questions").text("id");
        deadLetter(operationId, "AI_UNAVAILABLE");
        awaitStatus(client, operationId, "failed");
        return operationId;
    }

    public static JsonNode awaitStatus(ApiClient client, String operationId, String status) {
        return await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> client.get("/api/v1/operations/" + operationId).json(),
                        json -> status.equals(json.get("status").asString()));
    }
}
