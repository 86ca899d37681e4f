package io.rebound.gateway.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rebound.common.EventJson;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.Topics;
import io.rebound.common.kafka.DeadLetterHeaderNames;
import io.rebound.gateway.GatewayIT;
import io.rebound.testsupport.ApiClient;
import io.rebound.testsupport.SharedInfrastructure;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** What an SRE does with dead letters, over the real topic and database. */
class DeadLetterAdminIT extends GatewayIT {

    @Autowired
    JdbcTemplate jdbc;

    /** Unique per test so filters select only this test's dead letters in the shared database. */
    private String exceptionClass;

    @BeforeEach
    void uniqueCause() {
        exceptionClass = "com.example.Outage" + UUID.randomUUID().toString().replace("-", "") + "Exception";
    }

    private ApiClient sre() {
        return ApiClient.as(baseUrl(), "sre@example.com", PASSWORD);
    }

    @Test
    void deadLettersAreIndexedWithTheirCauseAndCanBeInspected() throws Exception {
        String operationId = ada().post("/api/v1/sessions/" + newSession(ada()) + "/questions")
                .text("id");
        publishDeadLetter(operationId, "AI_RATE_LIMITED", EventJson.write(requestOnTopic(operationId)));
        publishDeadLetter(null, "INVALID_REQUEST", "not json at all".getBytes());

        JsonNode page = awaitList("?exception_class=" + exceptionClass + "&state=all", 2);

        JsonNode withOperation = find(page, "operation_id", operationId);
        assertThat(withOperation.get("error_code").asString()).isEqualTo("AI_RATE_LIMITED");
        assertThat(withOperation.get("operation_type").asString()).isEqualTo("question_generation");
        assertThat(withOperation.get("state").asString()).isEqualTo("open");
        assertThat(withOperation.get("original_topic").asString()).isEqualTo(Topics.OPERATIONS_REQUESTED);
        assertThat(withOperation.get("original_offset").asLong()).isEqualTo(42L);
        JsonNode detail = sre().get(
                        "/api/v1/admin/dead-letters/" + withOperation.get("id").asLong())
                .json();
        assertThat(detail.get("headers").get("rebound_error_code").asString()).isEqualTo("AI_RATE_LIMITED");
        assertThat(detail.get("payload").asString()).contains("question_generation");

        JsonNode poison = find(page, "error_code", "INVALID_REQUEST");
        assertThat(poison.get("operation_id").isNull()).isTrue();
        assertThat(sre().get("/api/v1/admin/dead-letters/" + poison.get("id").asLong())
                        .json()
                        .get("payload")
                        .asString())
                .isEqualTo("not json at all");

        JsonNode summary =
                sre().get("/api/v1/admin/dead-letters/summary?state=all").json();
        assertThat(summary.get("groups").findValuesAsString("exception_class")).contains(exceptionClass);
    }

    @Test
    void theDeadLetterTopicKeepsRecordsForFourteenDaysByDefault() throws Exception {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.OPERATIONS_REQUESTED_DLT);
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);

            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .isEqualTo(Long.toString(Duration.ofDays(14).toMillis()));
            assertThat(admin.describeTopics(List.of(Topics.OPERATIONS_REQUESTED_DLT))
                            .allTopicNames()
                            .get()
                            .get(Topics.OPERATIONS_REQUESTED_DLT)
                            .partitions())
                    .hasSize(12);
        }
    }

    @Test
    void onlyAdminsSeeDeadLetters() {
        ApiClient.Response response = ada().get("/api/v1/admin/dead-letters");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aDryRunSaysWhatWouldHappenAndChangesNothing() throws Exception {
        List<String> failed = failedOperations(3);
        publishDeadLetter(null, "INVALID_REQUEST", "poison".getBytes());
        awaitList("?exception_class=" + exceptionClass, 4);

        JsonNode plan = sre().post("/api/v1/admin/dead-letters/redrive", redriveBody(true, 10))
                .json();

        assertThat(plan.get("dry_run").asBoolean()).isTrue();
        assertThat(plan.get("matched").asInt()).isEqualTo(4);
        assertThat(plan.get("outcomes").get("would_redrive").asInt()).isEqualTo(3);
        assertThat(plan.get("outcomes").get("no_operation").asInt()).isEqualTo(1);
        for (String id : failed) {
            assertThat(ada().get("/api/v1/operations/" + id)
                            .json()
                            .get("retried_by_operation_id")
                            .isNull())
                    .isTrue();
        }
        assertThat(auditCount("REDRIVE", true)).isEqualTo(1);
    }

    @Test
    void overlappingRedrivesRedriveEachDeadLetterOnceAsNewOperations() throws Exception {
        List<String> failed = failedOperations(5);
        awaitList("?exception_class=" + exceptionClass, 5);

        CompletableFuture<ApiClient.Response> first = CompletableFuture.supplyAsync(
                () -> sre().post("/api/v1/admin/dead-letters/redrive", redriveBody(false, 50)));
        CompletableFuture<ApiClient.Response> second = CompletableFuture.supplyAsync(
                () -> sre().post("/api/v1/admin/dead-letters/redrive", redriveBody(false, 50)));
        assertThat(first.get().status()).isEqualTo(202);
        assertThat(second.get().status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(awaitList("?exception_class=" + exceptionClass + "&state=redriven", 0)
                                .get("total")
                                .asInt())
                        .isEqualTo(5));
        for (String id : failed) {
            JsonNode operation = ada().get("/api/v1/operations/" + id).json();
            String retryId = operation.get("retried_by_operation_id").asString();
            JsonNode retry = ada().get("/api/v1/operations/" + retryId).json();
            assertThat(retry.get("source").asString()).isEqualTo("redrive");
            assertThat(retry.get("retry_count").asInt()).isEqualTo(1);
            assertThat(jdbc.queryForObject(
                            "select count(*) from operations where parent_operation_id = ?::uuid", Long.class, id))
                    .isEqualTo(1L);
        }
        String location = first.get().header("Location");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sre().get(location).json().get("finished_at").isString());
        int total = sre().get(location).json().get("affected").asInt()
                + sre().get(second.get().header("Location"))
                        .json()
                        .get("affected")
                        .asInt();
        assertThat(total).isEqualTo(5);
    }

    @Test
    void discardNeedsAReasonAndIsAudited() throws Exception {
        failedOperations(2);
        awaitList("?exception_class=" + exceptionClass, 2);
        String filter = "{\"filter\":{\"exception_class\":\"" + exceptionClass + "\"}";

        ApiClient.Response noReason = sre().post("/api/v1/admin/dead-letters/discard", filter + "}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.text("code")).isEqualTo("INVALID_FILTER");

        JsonNode discarded = sre().post(
                        "/api/v1/admin/dead-letters/discard", filter + ",\"reason\":\"load test noise\"}")
                .json();
        assertThat(discarded.get("discarded").asInt()).isEqualTo(2);
        JsonNode list = awaitList("?exception_class=" + exceptionClass + "&state=discarded", 2);
        assertThat(list.get("items").get(0).get("state_reason").asString()).isEqualTo("load test noise");
        assertThat(list.get("items").get(0).get("state_changed_by").asString()).isEqualTo("sre@example.com");
        assertThat(auditCount("DISCARD", false)).isEqualTo(1);
    }

    @Test
    void aDeadLetterIsResolvedWhenTheUsersOwnRetryCompletesAndLeavesTheOpenCount() throws Exception {
        String failed = failedOperations(1).get(0);
        awaitList("?exception_class=" + exceptionClass, 1);
        long openBefore = openCount();

        String retryId = ada().post("/api/v1/operations/" + failed + "/retry").text("id");
        status(OperationStatusChanged.completed(requestOnTopic(retryId), 1, 4, "What is a B-tree?"));

        JsonNode resolved = awaitList("?exception_class=" + exceptionClass + "&state=resolved", 1)
                .get("items")
                .get(0);
        assertThat(resolved.get("operation_id").asString()).isEqualTo(failed);
        assertThat(resolved.get("resolved_by_operation_id").asString()).isEqualTo(retryId);
        assertThat(resolved.get("state_changed_by").asString()).isEqualTo("ada@example.com");
        assertThat(sre().get("/api/v1/admin/dead-letters?state=open&exception_class=" + exceptionClass)
                        .json()
                        .get("total")
                        .asInt())
                .isZero();
        assertThat(openCount()).isEqualTo(openBefore - 1);
    }

    @Test
    void aRedeliveredCompletionOfTheRetryChangesTheResolutionNoFurther() throws Exception {
        String failed = failedOperations(1).get(0);
        awaitList("?exception_class=" + exceptionClass, 1);
        String retryId = ada().post("/api/v1/operations/" + failed + "/retry").text("id");
        OperationStatusChanged completed =
                OperationStatusChanged.completed(requestOnTopic(retryId), 1, 4, "What is a B-tree?");
        status(completed);
        JsonNode first = awaitList("?exception_class=" + exceptionClass + "&state=resolved", 1)
                .get("items")
                .get(0);

        status(completed);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode page = sre().get("/api/v1/admin/dead-letters?state=all&exception_class=" + exceptionClass)
                    .json();
            return page.get("total").asInt() == 1
                    && page.get("items").get(0).get("state").asString().equals("resolved")
                    && page.get("items").get(0).get("state_changed_at").equals(first.get("state_changed_at"));
        });
    }

    @Test
    void theMigrationResolvesDeadLettersStoredBeforeItWhoseRetryHadCompleted() throws Exception {
        String failed = failedOperations(1).get(0);
        awaitList("?exception_class=" + exceptionClass, 1);
        String retryId = ada().post("/api/v1/operations/" + failed + "/retry").text("id");
        status(OperationStatusChanged.completed(requestOnTopic(retryId), 1, 4, "What is a B-tree?"));
        awaitList("?exception_class=" + exceptionClass + "&state=resolved", 1);
        // As it was stored before dead letters could be resolved: open, whatever its chain did since.
        jdbc.update(
                "update dead_letters set state = 'OPEN', state_changed_at = null, state_changed_by = null,"
                        + " state_reason = null, resolved_by_operation_id = null where exception_class = ?",
                exceptionClass);
        assertThat(sre().get("/api/v1/admin/dead-letters?state=open&exception_class=" + exceptionClass)
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);

        String changeset;
        try (var in = getClass().getResourceAsStream("/db/changelog/007-dead-letter-resolution.sql")) {
            changeset = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String backfill = changeset.substring(changeset.indexOf("with recursive"));

        assertThat(jdbc.update(backfill)).isPositive();
        JsonNode resolved = sre().get("/api/v1/admin/dead-letters?state=resolved&exception_class=" + exceptionClass)
                .json()
                .get("items")
                .get(0);
        assertThat(resolved.get("resolved_by_operation_id").asString()).isEqualTo(retryId);
        assertThat(resolved.get("state_changed_by").asString()).isEqualTo("ada@example.com");
        jdbc.update(backfill);
        assertThat(sre().get("/api/v1/admin/dead-letters?state=resolved&exception_class=" + exceptionClass)
                        .json()
                        .get("items")
                        .get(0))
                .as("a second run changes nothing")
                .isEqualTo(resolved);
    }

    @Test
    void aDeadLetterThatArrivesAfterItsRetryCompletedIsResolvedOnArrival() throws Exception {
        String failed = failedOperations(1).get(0);
        String retryId = ada().post("/api/v1/operations/" + failed + "/retry").text("id");
        status(OperationStatusChanged.completed(requestOnTopic(retryId), 1, 4, "What is a B-tree?"));
        awaitStatus(ada(), retryId, "completed");

        // The same operation's request dead-lettered again (a redelivery at another offset) after the retry completed.
        publishDeadLetter(failed, "AI_UNAVAILABLE", EventJson.write(requestOnTopic(failed)));

        JsonNode page = awaitList("?exception_class=" + exceptionClass + "&state=resolved", 2);
        assertThat(page.get("items").findValuesAsString("resolved_by_operation_id"))
                .containsOnly(retryId);
    }

    @Test
    void theDrawerRedrivesOneDeadLetterByIdAfterADryRun() throws Exception {
        List<String> failed = failedOperations(2);
        JsonNode page = awaitList("?exception_class=" + exceptionClass, 2);
        JsonNode chosen = find(page, "operation_id", failed.get(0));
        String body = "{\"ids\":[" + chosen.get("id").asLong() + "],\"dry_run\":%s}";

        JsonNode plan = sre().post("/api/v1/admin/dead-letters/redrive", body.formatted(true))
                .json();
        assertThat(plan.get("matched").asInt()).isEqualTo(1);
        assertThat(plan.get("outcomes").get("would_redrive").asInt()).isEqualTo(1);

        assertThat(sre().post("/api/v1/admin/dead-letters/redrive", body.formatted(false))
                        .status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ada().get("/api/v1/operations/" + failed.get(0))
                        .json()
                        .get("retried_by_operation_id")
                        .isString());
        assertThat(ada().get("/api/v1/operations/" + failed.get(1))
                        .json()
                        .get("retried_by_operation_id")
                        .isNull())
                .isTrue();
        assertThat(sre().post("/api/v1/admin/dead-letters/redrive", "{\"ids\":[1],\"filter\":{},\"dry_run\":true}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aRedrivePlanCountsThePermanentFailuresItIncludes() throws Exception {
        String sessionId = newSession(ada());
        String transientId =
                ada().post("/api/v1/sessions/" + sessionId + "/questions").text("id");
        String permanentId =
                ada().post("/api/v1/sessions/" + sessionId + "/questions").text("id");
        publishDeadLetter(transientId, "AI_UNAVAILABLE", EventJson.write(requestOnTopic(transientId)), "true");
        publishDeadLetter(permanentId, "AI_REJECTED", EventJson.write(requestOnTopic(permanentId)), "false");
        awaitStatus(ada(), permanentId, "failed");
        awaitList("?exception_class=" + exceptionClass, 2);

        JsonNode plan = sre().post("/api/v1/admin/dead-letters/redrive", redriveBody(true, 10))
                .json();

        assertThat(plan.get("matched").asInt()).isEqualTo(2);
        assertThat(plan.get("permanent").asInt()).isEqualTo(1);
    }

    @Test
    void anSreSeesTheHistoryOfAnyUsersOperationAndUsersDoNot() throws Exception {
        String failed = failedOperations(1).get(0);

        JsonNode chain = sre().get("/api/v1/admin/operations/" + failed + "/history")
                .json()
                .get("operations");
        assertThat(chain).hasSize(1);
        assertThat(chain.get(0).get("operation").get("id").asString()).isEqualTo(failed);
        assertThat(chain.get(0).get("operation").get("status").asString()).isEqualTo("failed");

        ApiClient.Response asUser = ada().get("/api/v1/admin/operations/" + failed + "/history");
        assertThat(asUser.status()).isEqualTo(403);
        assertThat(sre().get("/api/v1/admin/operations/" + UUID.randomUUID() + "/history")
                        .status())
                .isEqualTo(404);
    }

    private long openCount() {
        return sre().get("/api/v1/admin/dead-letters?state=open&size=1")
                .json()
                .get("total")
                .asLong();
    }

    private String redriveBody(boolean dryRun, int rate) {
        return "{\"filter\":{\"exception_class\":\"" + exceptionClass + "\"},\"dry_run\":" + dryRun
                + ",\"max_records\":100,\"rate_per_second\":" + rate + "}";
    }

    private int auditCount(String action, boolean dryRun) {
        return jdbc.queryForObject(
                "select count(*) from admin_audit where action = ? and dry_run = ? and filter::text like ?",
                Integer.class,
                action,
                dryRun,
                "%" + exceptionClass + "%");
    }

    private List<String> failedOperations(int count) throws Exception {
        List<String> ids = new ArrayList<>();
        String sessionId = newSession(ada());
        for (int i = 0; i < count; i++) {
            String id =
                    ada().post("/api/v1/sessions/" + sessionId + "/questions").text("id");
            publishDeadLetter(id, "AI_UNAVAILABLE", EventJson.write(requestOnTopic(id)));
            ids.add(id);
        }
        for (String id : ids) {
            awaitStatus(ada(), id, "failed");
        }
        return ids;
    }

    private JsonNode awaitList(String query, int atLeast) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> sre().get("/api/v1/admin/dead-letters" + query).json(),
                        page -> page.get("total").asInt() >= atLeast);
    }

    private static JsonNode find(JsonNode page, String field, String value) {
        for (JsonNode item : page.get("items")) {
            if (value.equals(item.get(field).asString())) {
                return item;
            }
        }
        throw new AssertionError("no dead letter with " + field + "=" + value + " in " + page);
    }

    private void publishDeadLetter(String operationId, String errorCode, byte[] value) throws Exception {
        publishDeadLetter(operationId, errorCode, value, null);
    }

    private void publishDeadLetter(String operationId, String errorCode, byte[] value, String transientFailure)
            throws Exception {
        ProducerRecord<String, Object> record =
                new ProducerRecord<>(Topics.OPERATIONS_REQUESTED_DLT, operationId, value);
        header(record, "rebound_error_code", errorCode);
        header(record, "rebound_reason", "Outage: upstream said no");
        header(record, "kafka_dlt-exception-fqcn", exceptionClass);
        header(record, "kafka_dlt-original-topic", Topics.OPERATIONS_REQUESTED);
        if (transientFailure != null) {
            header(record, DeadLetterHeaderNames.TRANSIENT, transientFailure);
        }
        record.headers()
                .add(
                        "kafka_dlt-original-partition",
                        ByteBuffer.allocate(4).putInt(3).array());
        record.headers()
                .add(
                        "kafka_dlt-original-offset",
                        ByteBuffer.allocate(8).putLong(42L).array());
        kafka.send(record).get();
    }

    private static void header(ProducerRecord<String, Object> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
