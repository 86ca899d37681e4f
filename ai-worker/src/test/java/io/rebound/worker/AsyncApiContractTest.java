package io.rebound.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.common.ErrorCode;
import io.rebound.common.Topics;
import io.rebound.common.kafka.DeadLetterHeaderNames;
import io.rebound.common.kafka.TopicDefinitions;
import io.rebound.testsupport.AsyncApiContract;
import io.rebound.worker.retry.DeadLetterHeaders;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * docs/asyncapi.yaml names every topic, dead-letter and retry header, error code and payload schema the services use;
 * a constant added to the code without the document fails here. (DeadLetterIT and the gateway's KafkaInputIT hold the
 * headers of real records to it as well.)
 */
class AsyncApiContractTest {

    private final AsyncApiContract contract = AsyncApiContract.load();

    @Test
    void everyTopicIsAChannelAndEveryChannelATopic() {
        assertThat(contract.topics()).containsExactlyInAnyOrderElementsOf(constants(Topics.class));
    }

    @Test
    void everyTopicIsDocumentedWithTheShapeTheServicesCreateItWith() {
        WorkerProperties defaults = new Binder().bindOrCreate("rebound.worker", WorkerProperties.class);
        for (NewTopic topic : TopicDefinitions.all(
                defaults.partitions(), defaults.replicationFactor(), defaults.deadLetterRetention())) {
            Map<?, ?> binding = contract.kafkaBinding(topic.name());
            assertThat(binding.get("partitions")).as(topic.name()).isEqualTo(topic.numPartitions());
            assertThat(((Number) binding.get("replicas")).shortValue())
                    .as(topic.name())
                    .isEqualTo(topic.replicationFactor());
            Map<String, String> documented = new HashMap<>();
            Object configuration = binding.get("topicConfiguration");
            if (configuration instanceof Map<?, ?> map) {
                map.forEach((key, value) -> documented.put(String.valueOf(key), String.valueOf(value)));
            }
            assertThat(documented).as(topic.name()).isEqualTo(topic.configs() == null ? Map.of() : topic.configs());
        }
    }

    @Test
    void everyPayloadIsOneOfTheSchemasTheServicesValidateWith() throws IOException {
        Set<String> schemaFiles = new HashSet<>();
        for (Resource schema : new PathMatchingResourcePatternResolver().getResources("classpath*:schemas/*.json")) {
            schemaFiles.add(schema.getFilename());
        }
        assertThat(schemaFiles).isNotEmpty();

        Path docs = Path.of("..", "docs").toAbsolutePath().normalize();
        Set<String> referenced = new HashSet<>();
        for (String message : contract.messages()) {
            String ref = contract.payloadSchema(message);
            assertThat(docs.resolve(ref)).as("%s's payload %s", message, ref).isRegularFile();
            assertThat(docs.resolve(ref).normalize().toString())
                    .as("%s's payload is one of common's schemas", message)
                    .contains(Path.of("common", "src", "main", "resources", "schemas")
                            .toString());
            referenced.add(Path.of(ref).getFileName().toString());
        }
        assertThat(referenced).as("schemas in the document").containsExactlyInAnyOrderElementsOf(schemaFiles);
        assertThat(Files.readString(docs.resolve("asyncapi.yaml"))).contains("schema_version");
    }

    @Test
    void everyHeaderTheWorkerWritesOnADeadLetterIsDocumented() {
        Set<String> written = new HashSet<>(constants(DeadLetterHeaderNames.class));
        written.addAll(constants(DeadLetterHeaders.class));
        written.removeAll(List.of(DeadLetterHeaders.NEXT_ATTEMPT, DeadLetterHeaders.DUE_AT));
        written.addAll(List.of(
                KafkaHeaders.DLT_ORIGINAL_TOPIC,
                KafkaHeaders.DLT_ORIGINAL_PARTITION,
                KafkaHeaders.DLT_ORIGINAL_OFFSET,
                KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
                KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE,
                KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP,
                KafkaHeaders.DLT_EXCEPTION_FQCN,
                KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN,
                KafkaHeaders.DLT_EXCEPTION_MESSAGE,
                KafkaHeaders.DLT_EXCEPTION_STACKTRACE));

        assertThat(contract.headers("OperationDeadLetter")).containsAll(written);
    }

    @Test
    void theRetryTopicsHeadersAreDocumented() {
        assertThat(contract.headers("OperationRetry"))
                .contains(DeadLetterHeaders.NEXT_ATTEMPT, DeadLetterHeaders.DUE_AT, DeadLetterHeaders.ERROR_CLASS);
    }

    @Test
    void theErrorCodesAreTheOnesTheServicesKnow() {
        assertThat(contract.enumAt("#/components/schemas/ReboundDeadLetterHeaders/properties/rebound_error_code"))
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    }

    /** The values of a class's public static String constants. */
    private static Set<String> constants(Class<?> type) {
        return Arrays.stream(type.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(AsyncApiContractTest::value)
                .collect(Collectors.toSet());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
