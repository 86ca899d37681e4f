package io.rebound.system;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationType;
import io.rebound.common.Topics;
import io.rebound.common.kafka.EventSerializer;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rebound on an authenticated cluster: a KRaft broker whose client listener takes SASL only, with the standard
 * authorizer and no access for a principal without an ACL. The gateway (this JVM, SASL/PLAIN) and the worker jar (its
 * own process, SASL/SCRAM-SHA-512) get their settings the way a deployment gives them, from {@code KAFKA_*} variables,
 * and hold exactly the ACLs README lists. A third principal, another service allowed only to request operations, is
 * refused on every other topic. Own broker and own database, so the shared ones stay untouched.
 */
@SpringBootTest(
        classes = GatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rebound.demo-users.enabled=true", "rebound.gateway.outbox-poll-interval=100ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaAuthorizationIT {

    private static final String ADMIN_PASSWORD = "admin-secret";
    private static final String GATEWAY_PASSWORD = "gateway-secret";
    private static final String WORKER_PASSWORD = "worker-secret";
    private static final String REQUESTER_PASSWORD = "requester-secret";

    private static LocalKafka kafka;
    private static WorkerProcess worker;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        kafka = startSecuredBroker();
        try (Admin admin = Admin.create(client("PLAIN", "admin", ADMIN_PASSWORD))) {
            createPrincipals(admin);
            admin.createAcls(acls()).all().get();
        }
        try (Connection connection =
                        SharedInfrastructure.postgres().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create database rebound_sasl");
        }
        // The gateway reads the same security variables a deployment sets (application.yml maps them onto
        // spring.kafka.*).
        // The address by its property name: the shared test broker of this JVM publishes its own address as a system
        // property of that name, which would win over the variable.
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add("KAFKA_SECURITY_PROTOCOL", () -> "SASL_PLAINTEXT");
        registry.add("KAFKA_SASL_MECHANISM", () -> "PLAIN");
        registry.add("KAFKA_SASL_USERNAME", () -> "gateway");
        registry.add("KAFKA_SASL_PASSWORD", () -> GATEWAY_PASSWORD);
        registry.add(
                "spring.datasource.url", () -> SharedInfrastructure.postgres().getJdbcUrl("postgres", "rebound_sasl"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("rebound.metrics.password", () -> SharedInfrastructureInitializer.METRICS_PASSWORD);
        worker = WorkerProcess.start(
                kafka.bootstrapServers(),
                Map.of(
                        "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                        "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                        "KAFKA_SASL_USERNAME", "worker",
                        "KAFKA_SASL_PASSWORD", WORKER_PASSWORD,
                        "REBOUND_WORKER_GROUP", "rebound-ai-worker"));
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.stop();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aQuestionAskedThroughTheApiCompletesWithEachServiceUnderItsOwnPrincipal() {
        ApiClient ada = ApiClient.as("http://localhost:" + port, "ada@example.com", "rebound");
        String sessionId =
                ada.post("/api/v1/sessions", "{\"role\":\"Security engineer\"}").text("id");

        String operationId =
                ada.post("/api/v1/sessions/" + sessionId + "/questions").text("id");

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> ada.get("/api/v1/operations/" + operationId).text("status"), "completed"::equals);
    }

    @Test
    void aServiceAllowedToRequestOperationsCanDoThatAndWriteNothingElse() throws Exception {
        OperationRequested request = new OperationRequested(
                OperationRequested.SCHEMA_VERSION,
                UUID.randomUUID(),
                OperationType.QUESTION_GENERATION,
                Map.of("role", "Platform engineer"),
                null,
                null,
                null,
                0,
                "ada@example.com",
                OperationSource.EXTERNAL,
                Instant.now());
        try (KafkaProducer<String, Object> requester = producer("requester", REQUESTER_PASSWORD)) {
            requester
                    .send(new ProducerRecord<>(
                            Topics.OPERATIONS_REQUESTED, request.operationId().toString(), request))
                    .get();

            for (String forbidden : List.of(
                    Topics.OPERATIONS_STATUS,
                    Topics.OPERATIONS_REQUESTED_DLT,
                    Topics.OPERATIONS_REQUESTED_RETRY,
                    Topics.OPERATIONS_STATUS + "-dlt",
                    Topics.WORKER_EVENTS)) {
                assertThatThrownBy(() -> requester
                                .send(new ProducerRecord<>(
                                        forbidden, request.operationId().toString(), request))
                                .get())
                        .as("write to %s", forbidden)
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }

        ApiClient ada = ApiClient.as("http://localhost:" + port, "ada@example.com", "rebound");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> ada.get("/api/v1/operations/" + request.operationId())
                                .text("status"),
                        "completed"::equals);
    }

    @Test
    void aClientWithoutCredentialsIsNotServed() {
        Map<String, Object> anonymous = new HashMap<>();
        anonymous.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        anonymous.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(anonymous, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.OPERATIONS_REQUESTED, "x", "{}"))
                            .get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
        }
    }

    /** The broker: clients on SASL (PLAIN and SCRAM), the controller on its own listener, the standard authorizer. */
    private static LocalKafka startSecuredBroker() throws IOException {
        Path data = Files.createTempDirectory("rebound-sasl-kafka");
        int port = freePort();
        int controllerPort = freePort();
        Map<String, String> broker = new HashMap<>();
        broker.put("listeners", "SASL_PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        broker.put("advertised.listeners", "SASL_PLAINTEXT://localhost:" + port);
        broker.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        broker.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        broker.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512");
        broker.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        broker.put(
                "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"admin\" password=\"" + ADMIN_PASSWORD + "\""
                        + " user_admin=\"" + ADMIN_PASSWORD + "\""
                        + " user_gateway=\"" + GATEWAY_PASSWORD + "\";");
        broker.put(
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        broker.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // admin: the operator and the broker itself; ANONYMOUS: the controller listener, which serves the broker only.
        broker.put("super.users", "User:admin;User:ANONYMOUS");
        broker.put("allow.everyone.if.no.acl.found", "false");
        return LocalKafka.start(data, port, controllerPort, LocalKafka.Cluster.single(controllerPort), broker);
    }

    /** The worker and the requesting service sign in with SCRAM; the gateway with PLAIN (declared on the broker). */
    private static void createPrincipals(Admin admin) throws Exception {
        ScramCredentialInfo sha512 = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192);
        admin.alterUserScramCredentials(List.of(
                        new UserScramCredentialUpsertion("worker", sha512, WORKER_PASSWORD),
                        new UserScramCredentialUpsertion("requester", sha512, REQUESTER_PASSWORD)))
                .all()
                .get();
    }

    /** The ACLs of README's "Kafka with SASL and TLS", one line per principal and resource there. */
    private static List<AclBinding> acls() {
        List<AclBinding> acls = new ArrayList<>();
        // The worker declares its topics, consumes requests and retries, writes statuses, retries and dead letters, and
        // reads statuses and dead letters to skip operations that are already finished.
        allow(acls, "worker", prefixedTopic("operations."), CREATE);
        allow(acls, "worker", topic(Topics.WORKER_EVENTS), CREATE, WRITE);
        allow(acls, "worker", topic(Topics.OPERATIONS_REQUESTED), READ);
        allow(acls, "worker", topic(Topics.OPERATIONS_REQUESTED_RETRY), READ, WRITE);
        allow(acls, "worker", topic(Topics.OPERATIONS_REQUESTED_DLT), READ, WRITE);
        allow(acls, "worker", topic(Topics.OPERATIONS_STATUS), READ, WRITE);
        allow(acls, "worker", prefixedGroup("rebound-ai-worker"), READ);
        // The gateway declares the topics it uses, publishes requests (outbox, redrive), reads statuses and dead
        // letters, and dead-letters status events it cannot read.
        allow(acls, "gateway", prefixedTopic("operations."), CREATE);
        allow(acls, "gateway", topic(Topics.OPERATIONS_REQUESTED), WRITE);
        allow(acls, "gateway", topic(Topics.OPERATIONS_STATUS), READ);
        allow(acls, "gateway", topic(Topics.OPERATIONS_REQUESTED_DLT), READ);
        allow(acls, "gateway", topic(Topics.OPERATIONS_STATUS + "-dlt"), READ, WRITE);
        allow(acls, "gateway", prefixedGroup("rebound-gateway"), READ);
        // Another service: requests operations, nothing else.
        allow(acls, "requester", topic(Topics.OPERATIONS_REQUESTED), WRITE);
        return acls;
    }

    private static ResourcePattern topic(String name) {
        return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
    }

    private static ResourcePattern prefixedTopic(String prefix) {
        return new ResourcePattern(ResourceType.TOPIC, prefix, PatternType.PREFIXED);
    }

    private static ResourcePattern prefixedGroup(String prefix) {
        return new ResourcePattern(ResourceType.GROUP, prefix, PatternType.PREFIXED);
    }

    private static void allow(
            List<AclBinding> acls, String principal, ResourcePattern resource, AclOperation... operations) {
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(
                    resource, new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW)));
        }
    }

    private static KafkaProducer<String, Object> producer(String user, String password) {
        Map<String, Object> config = client("SCRAM-SHA-512", user, password);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(config, new StringSerializer(), new EventSerializer());
    }

    private static Map<String, Object> client(String mechanism, String user, String password) {
        String module = mechanism.equals("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, mechanism);
        config.put(
                SaslConfigs.SASL_JAAS_CONFIG,
                module + " required username=\"" + user + "\" password=\"" + password + "\";");
        return config;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
