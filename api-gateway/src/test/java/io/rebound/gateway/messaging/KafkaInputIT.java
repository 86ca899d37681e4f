package io.rebound.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.rebound.common.EventJson;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.OperationType;
import io.rebound.common.Topics;
import io.rebound.common.kafka.DeadLetterHeaderNames;
import io.rebound.common.kafka.TopicDefinitions;
import io.rebound.gateway.GatewayIT;
import io.rebound.testsupport.AsyncApiContract;
import io.rebound.testsupport.SharedInfrastructure;
import io.rebound.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What other services write on Kafka is untrusted: it never writes into another user's data, never fails someone
 * else's operation, never stalls a partition, and a dead letter never vanishes from the index.
 */
class KafkaInputIT extends GatewayIT {

    /** Just under the broker's default limit (1,048,588 bytes): the dead letter plus headers is over it. */
    private static final int NEAR_BROKER_LIMIT = 1_047_000;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry registry;

    @Test
    void anExternalEventNamingAnotherUsersSessionIsNotAttachedToIt() throws Exception {
        String adasSession = newSession(ada());
        OperationRequested bobs = external("bob@example.com", UUID.fromString(adasSession), OperationSource.API);

        status(OperationStatusChanged.processing(bobs, 1, 4));
        status(OperationStatusChanged.completed(bobs, 1, 4, "bob's result in ada's conversation"));

        JsonNode operation = awaitStatus(bob(), bobs.operationId().toString(), "completed");
        assertThat(operation.get("session_id").isNull()).isTrue();
        assertThat(operation.get("source").asString()).isEqualTo("external");
        assertThat(ada().get("/api/v1/sessions/" + adasSession).body())
                .doesNotContain("bob's result in ada's conversation");
        assertThat(ada().get("/api/v1/operations/" + bobs.operationId()).status())
                .isEqualTo(404);
    }

    @Test
    void anExternalEventIsAttachedToItsRequestersOwnSessionWithSourceExternal() throws Exception {
        String adasSession = newSession(ada());
        OperationRequested adas = external("ada@example.com", UUID.fromString(adasSession), OperationSource.MANUAL);

        status(OperationStatusChanged.completed(adas, 1, 4, "ada's own external result"));

        JsonNode operation = awaitStatus(ada(), adas.operationId().toString(), "completed");
        assertThat(operation.get("session_id").asString()).isEqualTo(adasSession);
        assertThat(operation.get("source").asString()).isEqualTo("external");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ada().get("/api/v1/sessions/" + adasSession).body().contains("ada's own external result"));
    }

    @Test
    void anEventReusingAnExistingOperationsIdNeverChangesItAndIsDeadLetteredAsDuplicate() throws Exception {
        String adasSession = newSession(ada());
        String adasOperation =
                ada().post("/api/v1/sessions/" + adasSession + "/questions").text("id");
        OperationRequested original = requestOnTopic(adasOperation);
        OperationRequested reused = new OperationRequested(
                OperationRequested.SCHEMA_VERSION,
                original.operationId(),
                OperationType.QUESTION_GENERATION,
                Map.of("role", "bob's prompt"),
                original.sessionId(),
                null,
                null,
                0,
                "bob@example.com",
                OperationSource.API,
                Instant.now());

        status(OperationStatusChanged.completed(reused, 1, 4, "bob's answer in ada's session"));

        ConsumerRecord<String, byte[]> letter = TopicReader.await(
                Topics.OPERATIONS_STATUS_DLT, r -> adasOperation.equals(r.key()), Duration.ofSeconds(20));
        assertThat(text(letter, DeadLetterHeaderNames.ERROR_CODE)).isEqualTo("DUPLICATE_OPERATION");
        // SREs' tools and other services read these headers: docs/asyncapi.yaml names every one of them.
        AsyncApiContract.load().assertDocumented("StatusDeadLetter", letter);
        assertThat(text(letter, DeadLetterHeaderNames.REASON)).contains("ForeignOperationEventException");
        assertThat(ada().get("/api/v1/operations/" + adasOperation)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("pending");
        assertThat(ada().get("/api/v1/sessions/" + adasSession).body()).doesNotContain("bob's answer");

        // The operation's own request still moves it.
        status(OperationStatusChanged.completed(original, 1, 4, "ada's real question"));
        awaitStatus(ada(), adasOperation, "completed");
    }

    @Test
    void aDeadLetterKeyedWithAnOperationsIdButNotItsRequestDoesNotFailIt() throws Exception {
        String operationId = ada().post("/api/v1/sessions/" + newSession(ada()) + "/questions")
                .text("id");
        OperationRequested original = requestOnTopic(operationId);
        OperationRequested someoneElses = external("bob@example.com", null, OperationSource.API);
        OperationRequested sameIdOtherRequest = new OperationRequested(
                OperationRequested.SCHEMA_VERSION,
                original.operationId(),
                original.operationType(),
                Map.of("role", "something else"),
                null,
                null,
                null,
                0,
                "bob@example.com",
                OperationSource.API,
                Instant.now());

        deadLetterOf(operationId, "junk".getBytes(StandardCharsets.UTF_8), Map.of());
        deadLetterOf(operationId, EventJson.write(someoneElses), Map.of());
        deadLetterOf(operationId, EventJson.write(sameIdOtherRequest), Map.of());
        // An excerpt names its operation in the worker's header only together with the original size.
        deadLetterOf(
                operationId,
                "{\"schema".getBytes(StandardCharsets.UTF_8),
                Map.of(DeadLetterHeaderNames.OPERATION_ID, operationId, DeadLetterHeaderNames.ORIGINAL_SIZE, ""));

        await().atMost(Duration.ofSeconds(20)).until(() -> indexed(operationId) == 4);
        assertThat(ada().get("/api/v1/operations/" + operationId)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("pending");
        assertThat(jdbc.queryForObject(
                        "select count(*) from dead_letters where operation_id = ?::uuid", Long.class, operationId))
                .isZero();

        deadLetterOf(operationId, EventJson.write(original), Map.of());
        JsonNode failed = awaitStatus(ada(), operationId, "failed");
        assertThat(failed.get("error_code").asString()).isEqualTo("AI_UNAVAILABLE");
    }

    @Test
    void anExcerptTheWorkerWroteFailsTheOperationItNames() throws Exception {
        String operationId = ada().post("/api/v1/sessions/" + newSession(ada()) + "/questions")
                .text("id");
        byte[] excerpt = Arrays.copyOf(EventJson.write(requestOnTopic(operationId)), 20);

        deadLetterOf(
                operationId,
                excerpt,
                Map.of(
                        DeadLetterHeaderNames.OPERATION_ID,
                        operationId,
                        DeadLetterHeaderNames.ORIGINAL_SIZE,
                        "1047000"));

        awaitStatus(ada(), operationId, "failed");
    }

    @Test
    void aStatusRecordJustUnderTheBrokersLimitIsDeadLetteredAsAnExcerptAndDoesNotHoldItsPartition() throws Exception {
        String operationId = ada().post("/api/v1/sessions/" + newSession(ada()) + "/questions")
                .text("id");
        OperationRequested request = requestOnTopic(operationId);
        byte[] junk = new byte[NEAR_BROKER_LIMIT];
        Arrays.fill(junk, (byte) 'q');

        kafka.send(Topics.OPERATIONS_STATUS, operationId, junk).get();
        status(OperationStatusChanged.completed(request, 1, 4, "behind the large record"));

        awaitStatus(ada(), operationId, "completed");
        ConsumerRecord<String, byte[]> letter = TopicReader.await(
                Topics.OPERATIONS_STATUS_DLT, r -> operationId.equals(r.key()), Duration.ofSeconds(20));
        assertThat(text(letter, DeadLetterHeaderNames.ORIGINAL_SIZE)).isEqualTo(Integer.toString(NEAR_BROKER_LIMIT));
        assertThat(text(letter, DeadLetterHeaderNames.ERROR_CODE)).isEqualTo("INVALID_REQUEST");
        assertThat(letter.value()).hasSize(DeadLetterHeaderNames.EXCERPT_BYTES);
        AsyncApiContract.load().assertDocumented("StatusDeadLetter", letter);
        // Indexed for SREs, without an operation: a status dead letter fails nothing.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from dead_letters where topic = ? and message_key = ? and operation_id is null",
                                Long.class,
                                Topics.OPERATIONS_STATUS_DLT,
                                operationId)
                        == 1);
    }

    @Test
    void aRecreatedDeadLetterTopicStillIndexesItsNewRecords() throws Exception {
        String first = "recreated-" + UUID.randomUUID();
        String second = "recreated-" + UUID.randomUUID();
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers()))) {
            // 5 records on every partition, so that the new topic's first offsets collide with indexed ones, and the
            // gateway's positions on the old topic lie beyond the 2 per partition the new one gets.
            for (int i = 0; i < 60; i++) {
                deadLetterOn(i % 12, first + "-" + i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> indexedLike(first) == 60);

            admin.deleteTopics(List.of(Topics.OPERATIONS_REQUESTED_DLT)).all().get();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !admin.listTopics().names().get().contains(Topics.OPERATIONS_REQUESTED_DLT));
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    // Created as the services create it, so that the tests after this one find the same topic.
                    .untilAsserted(() -> admin.createTopics(List.of(TopicDefinitions.deadLetterTopic(
                                    Topics.OPERATIONS_REQUESTED_DLT, 12, (short) 1, Duration.ofDays(14))))
                            .all()
                            .get());

            for (int i = 0; i < 24; i++) {
                deadLetterOn(i % 12, second + "-" + i);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> indexedLike(second) == 24);
        }
    }

    private void deadLetterOn(int partition, String key) throws Exception {
        ProducerRecord<String, Object> record = new ProducerRecord<>(
                Topics.OPERATIONS_REQUESTED_DLT, partition, key, "x".getBytes(StandardCharsets.UTF_8));
        record.headers().add(DeadLetterHeaderNames.ERROR_CODE, "AI_UNAVAILABLE".getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get();
    }

    @Test
    void aDeadLetterTheIndexCannotTakeIsCountedAndDoesNotHoldThoseBehindIt() throws Exception {
        double before = unindexed();
        String key = "unindexable-" + UUID.randomUUID();
        ProducerRecord<String, Object> record =
                new ProducerRecord<>(Topics.OPERATIONS_REQUESTED_DLT, 0, key, "x".getBytes(StandardCharsets.UTF_8));
        // PostgreSQL's jsonb takes no NUL character, and header names are stored as jsonb keys.
        record.headers().add("bad\u0000name", "v".getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get();
        kafka.send(new ProducerRecord<>(
                        Topics.OPERATIONS_REQUESTED_DLT, 0, key + "-next", "y".getBytes(StandardCharsets.UTF_8)))
                .get();

        await().atMost(Duration.ofSeconds(20)).until(() -> indexedLike(key + "-next") == 1);
        assertThat(unindexed()).isEqualTo(before + 1);
    }

    private double unindexed() {
        return registry.get("rebound.dead.letters.unindexed")
                .tag("topic", Topics.OPERATIONS_REQUESTED_DLT)
                .counter()
                .count();
    }

    private long indexed(String key) {
        return jdbc.queryForObject("select count(*) from dead_letters where message_key = ?", Long.class, key);
    }

    private long indexedLike(String prefix) {
        return jdbc.queryForObject(
                "select count(*) from dead_letters where message_key like ?", Long.class, prefix + "%");
    }

    private void deadLetterOf(String key, byte[] value, Map<String, String> headers) throws Exception {
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.OPERATIONS_REQUESTED_DLT, key, value);
        record.headers().add(DeadLetterHeaderNames.ERROR_CODE, "AI_UNAVAILABLE".getBytes(StandardCharsets.UTF_8));
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        kafka.send(record).get();
    }

    private static OperationRequested external(String requestedBy, UUID sessionId, OperationSource claimed) {
        return new OperationRequested(
                OperationRequested.SCHEMA_VERSION,
                UUID.randomUUID(),
                OperationType.QUESTION_GENERATION,
                Map.of("role", "Backend engineer"),
                sessionId,
                null,
                null,
                0,
                requestedBy,
                claimed,
                Instant.now());
    }

    private static String text(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
