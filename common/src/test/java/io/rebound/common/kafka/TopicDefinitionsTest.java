package io.rebound.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.common.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicDefinitionsTest {

    private final Map<String, NewTopic> topics = TopicDefinitions.all(12, (short) 3, Duration.ofDays(14)).stream()
            .collect(Collectors.toMap(NewTopic::name, Function.identity()));

    @Test
    void everyTopicOfTheContractIsDeclaredOnce() throws Exception {
        String[] contract = Arrays.stream(Topics.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(TopicDefinitionsTest::value)
                .toArray(String[]::new);

        assertThat(topics.keySet()).containsExactlyInAnyOrder(contract);
        assertThat(topics.values())
                .allSatisfy(topic -> assertThat(topic.replicationFactor()).isEqualTo((short) 3));
    }

    @Test
    void retriesAndDeadLettersKeepTheirSourcesPartitionsAndDeadLettersTheirRetention() {
        for (String name : new String[] {
            Topics.OPERATIONS_REQUESTED_RETRY, Topics.OPERATIONS_REQUESTED_DLT, Topics.OPERATIONS_STATUS_DLT
        }) {
            assertThat(topics.get(name).numPartitions()).as(name).isEqualTo(12);
        }
        assertThat(topics.get(Topics.OPERATIONS_REQUESTED_DLT).configs())
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(14).toMillis()))
                .containsEntry("max.message.bytes", Integer.toString(TopicDefinitions.FORWARDED_MAX_MESSAGE_BYTES));
        assertThat(topics.get(Topics.OPERATIONS_STATUS_DLT).configs())
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(14).toMillis()))
                .doesNotContainKey("max.message.bytes");
        assertThat(topics.get(Topics.OPERATIONS_REQUESTED_RETRY).configs())
                .containsEntry("max.message.bytes", Integer.toString(TopicDefinitions.FORWARDED_MAX_MESSAGE_BYTES));
    }

    @Test
    void workerEventsKeepOneOrderOnOnePartition() {
        assertThat(topics.get(Topics.WORKER_EVENTS).numPartitions()).isEqualTo(1);
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
