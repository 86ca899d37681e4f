package io.rebound.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning, to assert what is on it. The partitions are assigned, not subscribed to: no consumer
 * group to join, so a read costs one fetch per partition rather than a group rebalance.
 */
public final class TopicReader {

    private TopicReader() {}

    /** Polls until a record matching {@code match} shows up, or fails after {@code timeout}. */
    public static ConsumerRecord<String, byte[]> await(
            String topic, Predicate<ConsumerRecord<String, byte[]>> match, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> found = readUntil(topic, match, timeout);
        return found.stream()
                .filter(match)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no matching record on " + topic + " within " + timeout));
    }

    /** The records from the start of the topic up to the first that {@code stopWhen} accepts, or all read within {@code timeout}. */
    public static List<ConsumerRecord<String, byte[]>> readUntil(
            String topic, Predicate<ConsumerRecord<String, byte[]>> stopWhen, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record);
                    if (stopWhen.test(record)) {
                        return records;
                    }
                }
            }
        }
        return records;
    }
}
