package io.rebound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rebound.common.EventJson;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationStatus;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.Topics;
import io.rebound.simulator.Fault;
import io.rebound.testsupport.AsyncApiContract;
import io.rebound.testsupport.SharedInfrastructure;
import io.rebound.worker.retry.DeadLetterHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.node.ObjectNode;

/** Failures that retrying cannot fix go to operations.requested-dlt at once, and never block their partition. */
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterIT extends WorkerIT {

    @Test
    void permanentFailuresAreDeadLetteredAfterOneRequest() {
        String badRequestRole = uniqueRole();
        String quotaRole = uniqueRole();
        simulator.addFault(Fault.error(400).onlyWhenPromptContains(badRequestRole));
        simulator.addFault(Fault.error(429).withErrorCode("insufficient_quota").onlyWhenPromptContains(quotaRole));
        OperationRequested badRequest = questionFor(badRequestRole);
        OperationRequested overQuota = questionFor(quotaRole);

        send(badRequest);
        send(overQuota);

        ConsumerRecord<String, byte[]> badRequestLetter =
                awaitDeadLetter(badRequest.operationId().toString(), Duration.ofSeconds(10));
        assertThat(header(badRequestLetter, DeadLetterHeaders.ERROR_CODE)).isEqualTo("INVALID_REQUEST");
        assertThat(header(badRequestLetter, DeadLetterHeaders.HTTP_STATUS)).isEqualTo("400");
        assertThat(header(badRequestLetter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(badRequestLetter, DeadLetterHeaders.TRANSIENT)).isEqualTo("false");
        assertThat(header(badRequestLetter, DeadLetterHeaders.REASON)).startsWith("BadRequestException");
        assertThat(header(badRequestLetter, DeadLetterHeaders.EXCEPTION_CLASS))
                .isEqualTo("com.openai.errors.BadRequestException");
        assertThat(simulator.requests().countFor(badRequestRole)).isEqualTo(1);

        ConsumerRecord<String, byte[]> quotaLetter =
                awaitDeadLetter(overQuota.operationId().toString(), Duration.ofSeconds(10));
        assertThat(header(quotaLetter, DeadLetterHeaders.ERROR_CODE)).isEqualTo("AI_QUOTA_EXCEEDED");
        assertThat(header(quotaLetter, DeadLetterHeaders.HTTP_STATUS)).isEqualTo("429");
        assertThat(header(quotaLetter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(simulator.requests().countFor(quotaRole)).isEqualTo(1);
        // Other services read these headers: docs/asyncapi.yaml names every one of them.
        AsyncApiContract contract = AsyncApiContract.load();
        contract.assertDocumented("OperationDeadLetter", badRequestLetter);
        contract.assertDocumented("OperationDeadLetter", quotaLetter);
        records(Topics.OPERATIONS_STATUS, badRequest.operationId().toString())
                .forEach(status -> contract.assertDocumented("OperationStatusChanged", status));

        List<OperationStatusChanged> events = statusEvents(badRequest);
        assertThat(events).extracting(OperationStatusChanged::attempt).containsOnly(1);
        assertThat(events.get(events.size() - 1).nextRetryAt()).isNull();
        assertThat(events.get(events.size() - 1).httpStatus()).isEqualTo(400);
    }

    @Test
    void poisonRecordsAreDeadLetteredWithAReasonAndDoNotBlockThePartition() {
        OperationRequested valid = questionFor(uniqueRole());
        String key = valid.operationId().toString();
        byte[] notJson = "this is not JSON \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        byte[] unknownType = json(valid, node -> node.put("operation_type", "summarise_cv"));
        byte[] missingFields = json(valid, node -> {
            node.remove("operation_id");
            node.remove("parameters");
        });
        byte[] futureVersion = json(valid, node -> node.put("schema_version", 2));
        // Jackson quotes a string it cannot map in full: the reason must not make the dead letter too large to write.
        byte[] hugeString = ("\"" + "x".repeat(1_000_000) + "\"").getBytes(StandardCharsets.UTF_8);

        // One key, so all of them share one partition behind each other.
        RecordMetadata first = send(key, notJson);
        send(key, unknownType);
        send(key, missingFields);
        send(key, futureVersion);
        send(key, hugeString);
        long validSentAt = System.nanoTime();
        RecordMetadata last = send(key, valid);

        awaitCompleted(valid, Duration.ofSeconds(10));
        System.out.printf(
                "valid record behind five poison records completed after %d ms%n",
                Duration.ofNanos(System.nanoTime() - validSentAt).toMillis());
        assertThat(last.partition()).isEqualTo(first.partition());
        List<ConsumerRecord<String, byte[]>> letters = await().atMost(Duration.ofSeconds(5))
                .until(() -> records(Topics.OPERATIONS_REQUESTED_DLT, key), list -> list.size() >= 5);
        assertThat(letters).hasSize(5);
        assertThat(letters)
                .extracting(ConsumerRecord::value)
                .containsExactly(notJson, unknownType, missingFields, futureVersion, hugeString);
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.partition()).isEqualTo(first.partition());
            assertThat(header(letter, DeadLetterHeaders.ERROR_CODE)).isEqualTo("INVALID_REQUEST");
            assertThat(header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
            assertThat(header(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.OPERATIONS_REQUESTED);
            assertThat(header(letter, DeadLetterHeaders.EXCEPTION_CLASS)).doesNotStartWith("org.springframework");
            AsyncApiContract.load().assertDocumented("OperationDeadLetter", letter);
        });
        letters.forEach(letter -> {
            String reason = header(letter, DeadLetterHeaders.REASON);
            System.out.println("poison reason: " + reason.substring(0, Math.min(reason.length(), 200)));
        });
        assertThat(header(letters.get(0), DeadLetterHeaders.REASON)).contains("Unrecognized token 'this'");
        assertThat(header(letters.get(1), DeadLetterHeaders.REASON)).contains("unknown operation_type 'summarise_cv'");
        assertThat(header(letters.get(2), DeadLetterHeaders.REASON))
                .contains("operation_id is missing")
                .contains("parameters.role is missing");
        assertThat(header(letters.get(3), DeadLetterHeaders.REASON)).contains("unsupported schema_version 2");
        assertThat(header(letters.get(4), DeadLetterHeaders.REASON))
                .startsWith("InvalidEventException: not a valid OperationRequested: ")
                .hasSizeLessThan(1_000);
        assertThat(header(letters.get(4), DeadLetterHeaders.EXCEPTION_MESSAGE)).hasSizeLessThan(1_000);
        assertThat(statusEvents(valid))
                .extracting(OperationStatusChanged::attempt)
                .containsOnly(1);
    }

    @Test
    void aRecordWhoseDeadLetterPublishFailsIsNotCommittedAndArrivesOnceTheTopicExists(CapturedOutput output)
            throws Exception {
        String role = uniqueRole();
        simulator.addFault(Fault.error(400).onlyWhenPromptContains(role));
        OperationRequested request = questionFor(role);
        String key = request.operationId().toString();
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers()))) {
            try {
                admin.deleteTopics(List.of(Topics.OPERATIONS_REQUESTED_DLT))
                        .all()
                        .get();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> !topics(admin).contains(Topics.OPERATIONS_REQUESTED_DLT));

                RecordMetadata sent = send(request);
                TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());

                await().atMost(Duration.ofSeconds(15))
                        .until(() -> output.getOut()
                                .lines()
                                .anyMatch(line -> line.contains("dead-letter publish failed")
                                        && line.contains("key=\"" + key + "\"")));
                // The worker keeps failing to publish; meanwhile its group must not commit past the record.
                await().during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> committed(admin, partition), offset -> offset <= sent.offset());
                assertThat(records(Topics.OPERATIONS_STATUS, key))
                        .extracting(r -> EventJson.read(r.value(), OperationStatusChanged.class)
                                .status())
                        .doesNotContain(OperationStatus.COMPLETED);

                createDeadLetterTopic(admin);

                ConsumerRecord<String, byte[]> letter = awaitDeadLetter(key, Duration.ofSeconds(20));
                assertThat(letter.partition()).isEqualTo(sent.partition());
                assertThat(header(letter, DeadLetterHeaders.ERROR_CODE)).isEqualTo("INVALID_REQUEST");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> committed(admin, partition), offset -> offset > sent.offset());
            } finally {
                if (!topics(admin).contains(Topics.OPERATIONS_REQUESTED_DLT)) {
                    createDeadLetterTopic(admin);
                }
            }
            assertThat(admin.describeTopics(List.of(Topics.OPERATIONS_REQUESTED_DLT))
                            .allTopicNames()
                            .get()
                            .get(Topics.OPERATIONS_REQUESTED_DLT)
                            .partitions())
                    .hasSize(12);
        }
    }

    @Test
    void aRecordWrittenToForgeLogLinesIsLoggedEscapedOnOneLine(CapturedOutput output) {
        String marker = UUID.randomUUID().toString();
        String forgedLine = "2026-12-02T03:00:00.000Z  INFO 1 --- [rebound-ai-worker] operation completed";
        String key = marker + "\" reason=\"all fine\n" + forgedLine;
        byte[] value = ("{\"operation_id\":\"" + marker + "\r\n" + forgedLine + "\"}").getBytes(StandardCharsets.UTF_8);

        send(key, value);

        String line = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> output.getOut()
                                .lines()
                                .filter(l -> l.contains("operation dead-lettered") && l.contains(marker))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(line).contains("operation_id=\"" + marker + "\\\" reason=\\\"all fine\\n2026-12-02T03");
        assertThat(output.getOut().lines())
                .as("no line of the log starts with what the record wrote")
                .noneMatch(l -> l.startsWith(forgedLine));
    }

    @Test
    void aRetryRecordWithHeadersTheWorkerDidNotWriteIsDeadLetteredWithTheReason() {
        assumeTrue(
                workerProperties().retry().mode() == WorkerProperties.RetryMode.NON_BLOCKING,
                "the blocking mode has no retry topic");
        OperationRequested notANumber = questionFor(uniqueRole());
        OperationRequested noDueTime = questionFor(uniqueRole());
        OperationRequested zeroth = questionFor(uniqueRole());
        OperationRequested valid = questionFor(uniqueRole());
        String key = "retry-headers-" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        // One partition, the bad ones first: none of them may hold up the retry behind them.
        send(Topics.OPERATIONS_REQUESTED_RETRY, key, notANumber, Map.of(DeadLetterHeaders.NEXT_ATTEMPT, "two"));
        send(
                Topics.OPERATIONS_REQUESTED_RETRY,
                key,
                noDueTime,
                Map.of(DeadLetterHeaders.NEXT_ATTEMPT, "2", DeadLetterHeaders.DUE_AT, "soon"));
        send(Topics.OPERATIONS_REQUESTED_RETRY, key, zeroth, Map.of(DeadLetterHeaders.NEXT_ATTEMPT, "0"));
        send(
                Topics.OPERATIONS_REQUESTED_RETRY,
                key,
                valid,
                Map.of(
                        DeadLetterHeaders.NEXT_ATTEMPT, "2",
                        DeadLetterHeaders.DUE_AT, Long.toString(now),
                        DeadLetterHeaders.ERROR_CODE, "NOT_A_CODE",
                        DeadLetterHeaders.HTTP_STATUS, "five hundred"));

        List<OperationStatusChanged> events = awaitCompleted(valid, Duration.ofSeconds(15));
        assertThat(events.get(events.size() - 1).attempt()).isEqualTo(2);
        List<ConsumerRecord<String, byte[]>> letters = await().atMost(Duration.ofSeconds(10))
                .until(() -> records(Topics.OPERATIONS_REQUESTED_DLT, key), list -> list.size() >= 3);
        assertThat(letters).hasSize(3).allSatisfy(letter -> {
            assertThat(header(letter, DeadLetterHeaders.ERROR_CODE)).isEqualTo("INVALID_REQUEST");
            assertThat(header(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.OPERATIONS_REQUESTED_RETRY);
        });
        assertThat(header(letters.get(0), DeadLetterHeaders.REASON))
                .contains("rebound_next_attempt is not a number: 'two'");
        assertThat(header(letters.get(1), DeadLetterHeaders.REASON)).contains("rebound_due_at is not a number: 'soon'");
        assertThat(header(letters.get(2), DeadLetterHeaders.REASON))
                .contains("rebound_next_attempt must be a positive attempt: 0");
        // Each dead letter is its record whole, so the gateway fails that operation with the reason.
        assertThat(letters)
                .extracting(letter ->
                        EventJson.read(letter.value(), OperationRequested.class).operationId())
                .containsExactly(notANumber.operationId(), noDueTime.operationId(), zeroth.operationId());
    }

    @Test
    void aRecordTooLargeForTheDeadLetterTopicIsDeadLetteredAsAnExcerptAndDoesNotHoldItsPartition() throws Exception {
        OperationRequested valid = questionFor(uniqueRole());
        String key = valid.operationId().toString();
        byte[] tooLarge = ("\"" + "y".repeat(200_000) + "\"").getBytes(StandardCharsets.UTF_8);
        ConfigResource dlt = new ConfigResource(ConfigResource.Type.TOPIC, Topics.OPERATIONS_REQUESTED_DLT);
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers()))) {
            ConfigEntry before =
                    admin.describeConfigs(List.of(dlt)).all().get().get(dlt).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            // A dead-letter topic that takes less than its source (created by hand, or before Rebound set its limit).
            alter(
                    admin,
                    dlt,
                    new AlterConfigOp(
                            new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "65536"), AlterConfigOp.OpType.SET));
            try {
                RecordMetadata poison = send(key, tooLarge);
                send(key, valid);

                awaitCompleted(valid, Duration.ofSeconds(20));
                ConsumerRecord<String, byte[]> letter = awaitDeadLetter(key, Duration.ofSeconds(10));
                assertThat(letter.partition()).isEqualTo(poison.partition());
                assertThat(letter.value()).hasSize(4096).startsWith((byte) '"', (byte) 'y');
                assertThat(header(letter, DeadLetterHeaders.ORIGINAL_SIZE)).isEqualTo("200002");
                assertThat(header(letter, DeadLetterHeaders.ERROR_CODE)).isEqualTo("INVALID_REQUEST");
                assertThat(ByteBuffer.wrap(letter.headers()
                                        .lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET)
                                        .value())
                                .getLong())
                        .isEqualTo(poison.offset());
                assertThat(header(letter, DeadLetterHeaders.EXCEPTION_MESSAGE))
                        .startsWith("the record (200002 bytes) is too large to forward whole");
                // Its offset is committed: the partition's later records are not held behind it.
                TopicPartition partition = new TopicPartition(poison.topic(), poison.partition());
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> committed(admin, partition), offset -> offset > poison.offset() + 1);
            } finally {
                alter(
                        admin,
                        dlt,
                        before.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
                                ? new AlterConfigOp(before, AlterConfigOp.OpType.SET)
                                : new AlterConfigOp(
                                        new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""),
                                        AlterConfigOp.OpType.DELETE));
            }
        }
    }

    @Test
    void operationAndSizeHeadersAProducerPutsOnARecordNeverReachItsDeadLetter() {
        OperationRequested victim = questionFor(uniqueRole());
        String key = "forged-" + UUID.randomUUID();
        send(
                Topics.OPERATIONS_REQUESTED,
                key,
                "not an event".getBytes(StandardCharsets.UTF_8),
                Map.of(
                        DeadLetterHeaders.OPERATION_ID, victim.operationId().toString(),
                        DeadLetterHeaders.ORIGINAL_SIZE, "12",
                        DeadLetterHeaders.ERROR_CODE, "AI_UNAVAILABLE"));

        ConsumerRecord<String, byte[]> letter = awaitDeadLetter(key, Duration.ofSeconds(10));
        assertThat(letter.headers().headers(DeadLetterHeaders.OPERATION_ID))
                .singleElement()
                .satisfies(header -> assertThat(header.value()).isEmpty());
        assertThat(letter.headers().headers(DeadLetterHeaders.ORIGINAL_SIZE))
                .singleElement()
                .satisfies(header -> assertThat(header.value()).isEmpty());
        assertThat(letter.headers().headers(DeadLetterHeaders.ERROR_CODE)).hasSize(1);
        assertThat(header(letter, DeadLetterHeaders.ERROR_CODE)).isEqualTo("INVALID_REQUEST");
    }

    private static void alter(Admin admin, ConfigResource topic, AlterConfigOp change) throws Exception {
        admin.incrementalAlterConfigs(Map.of(topic, List.of(change))).all().get();
    }

    private static void createDeadLetterTopic(Admin admin) {
        // A deleted topic can linger for a moment, so creating it again may need a retry.
        await().atMost(Duration.ofSeconds(15))
                .ignoreExceptions()
                .untilAsserted(
                        () -> admin.createTopics(List.of(new NewTopic(Topics.OPERATIONS_REQUESTED_DLT, 12, (short) 1)))
                                .all()
                                .get());
    }

    private static Set<String> topics(Admin admin) throws Exception {
        return admin.listTopics().names().get();
    }

    /** The worker group's committed offset (the next record it will read) of the partition, -1 if none. */
    private static long committed(Admin admin, TopicPartition partition) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(WORKER_GROUP)
                .partitionsToOffsetAndMetadata()
                .get();
        OffsetAndMetadata offset = offsets.get(partition);
        return offset == null ? -1 : offset.offset();
    }

    private static byte[] json(OperationRequested request, Consumer<ObjectNode> change) {
        ObjectNode node = EventJson.mapper().valueToTree(request);
        change.accept(node);
        return EventJson.mapper().writeValueAsBytes(node);
    }
}
