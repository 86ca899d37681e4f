package io.rebound.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.common.EventJson;
import io.rebound.common.OperationRequested;
import io.rebound.common.Topics;
import io.rebound.simulator.Fault;
import io.rebound.testsupport.SharedInfrastructure;
import io.rebound.worker.retry.DeadLetterHeaders;
import io.rebound.worker.retry.OversizedRecordException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records just under the broker's limit (1,047,000 bytes; Kafka takes 1,048,588 by default) on operations.requested, as
 * another service may write them, with a dead-letter topic that takes what the broker takes by default (created by
 * hand, or before Rebound raised its limit): the dead letter plus the failure's headers is over that limit, yet neither
 * the record nor its partition may be stuck. Runs in both retry modes (see WorkerIT).
 */
class OversizedRecordIT extends WorkerIT {

    private static final int NEAR_BROKER_LIMIT = 1_047_000;
    private static final ConfigResource DLT =
            new ConfigResource(ConfigResource.Type.TOPIC, Topics.OPERATIONS_REQUESTED_DLT);

    private Admin admin;
    private ConfigEntry limitBefore;

    @BeforeEach
    void deadLetterTopicWithTheBrokersDefaultLimit() throws Exception {
        admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers()));
        limitBefore =
                admin.describeConfigs(List.of(DLT)).all().get().get(DLT).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
        alter(new AlterConfigOp(
                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""), AlterConfigOp.OpType.DELETE));
    }

    @AfterEach
    void restoreLimit() throws Exception {
        alter(
                limitBefore.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
                        ? new AlterConfigOp(limitBefore, AlterConfigOp.OpType.SET)
                        : new AlterConfigOp(
                                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""),
                                AlterConfigOp.OpType.DELETE));
        admin.close();
    }

    @Test
    void aRecordJustUnderTheBrokersLimitIsDeadLetteredAsAnExcerptAndDoesNotHoldItsPartition() {
        OperationRequested valid = questionFor(uniqueRole());
        String key = valid.operationId().toString();
        byte[] junk = new byte[NEAR_BROKER_LIMIT];
        Arrays.fill(junk, (byte) 'z');

        RecordMetadata poison = send(key, junk);
        send(key, valid);

        awaitCompleted(valid, Duration.ofSeconds(30));
        ConsumerRecord<String, byte[]> letter = awaitDeadLetter(key, Duration.ofSeconds(10));
        assertThat(letter.partition()).isEqualTo(poison.partition());
        assertThat(header(letter, DeadLetterHeaders.ERROR_CODE)).isEqualTo("INVALID_REQUEST");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_SIZE)).isEqualTo(Integer.toString(NEAR_BROKER_LIMIT));
        assertThat(header(letter, DeadLetterHeaders.OPERATION_ID)).isEmpty();
        assertThat(letter.value())
                .hasSize(OversizedRecordException.EXCERPT_BYTES)
                .containsOnly((byte) 'z');
    }

    @Test
    void anOperationJustUnderTheBrokersLimitThatFailsIsDeadLetteredAsAnExcerptNamingItsOperation() {
        String role = uniqueRole();
        simulator.addFault(Fault.error(400).onlyWhenPromptContains(role.substring(0, 36)));
        OperationRequested huge = questionFor(role);
        OperationRequested valid = questionFor(uniqueRole());
        String key = huge.operationId().toString();
        byte[] value = padded(huge, NEAR_BROKER_LIMIT);

        RecordMetadata poison = send(key, value);
        send(key, valid);

        awaitCompleted(valid, Duration.ofSeconds(60));
        ConsumerRecord<String, byte[]> letter = awaitDeadLetter(key, Duration.ofSeconds(30));
        assertThat(letter.partition()).isEqualTo(poison.partition());
        assertThat(header(letter, DeadLetterHeaders.ERROR_CODE)).isEqualTo("INVALID_REQUEST");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_SIZE)).isEqualTo(Integer.toString(NEAR_BROKER_LIMIT));
        assertThat(header(letter, DeadLetterHeaders.OPERATION_ID)).isEqualTo(key);
        assertThat(letter.value()).isEqualTo(Arrays.copyOf(value, letter.value().length));
    }

    /** A valid request whose role is padded so that the record is exactly {@code bytes} long. */
    private static byte[] padded(OperationRequested request, int bytes) {
        ObjectNode node = EventJson.mapper().valueToTree(request);
        int base = EventJson.mapper().writeValueAsBytes(node).length;
        ((ObjectNode) node.get("parameters"))
                .put("role", request.parameter("role") + " " + "p".repeat(bytes - base - 1));
        byte[] value = EventJson.mapper().writeValueAsBytes(node);
        assertThat(value).hasSize(bytes);
        return value;
    }

    private void alter(AlterConfigOp change) throws Exception {
        admin.incrementalAlterConfigs(Map.of(DLT, List.of(change))).all().get();
    }
}
