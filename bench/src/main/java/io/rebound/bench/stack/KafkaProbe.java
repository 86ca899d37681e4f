package io.rebound.bench.stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/** Consumer-group state and lag, read with the Kafka admin client. */
public final class KafkaProbe implements AutoCloseable {

    private final Admin admin;

    public KafkaProbe(String bootstrap) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        admin = Admin.create(properties);
    }

    /** Waits until the group is stable with {@code members} members sharing every partition of its topics. */
    public void awaitStableGroup(String group, int members, int partitions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "not described yet";
        while (System.nanoTime() < deadline) {
            try {
                ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(group))
                        .describedGroups()
                        .get(group));
                int assigned = description.members().stream()
                        .mapToInt(m -> m.assignment().topicPartitions().size())
                        .sum();
                last = description.groupState() + ", " + description.members().size() + " members, " + assigned
                        + " partitions";
                if (description.groupState() == GroupState.STABLE
                        && description.members().size() == members
                        && assigned >= partitions) {
                    return;
                }
            } catch (IllegalStateException e) {
                last = e.getMessage();
            }
            sleep(500);
        }
        throw new IllegalStateException("consumer group " + group + " did not settle within " + timeout + ": " + last);
    }

    /**
     * Waits until the group is stable and exactly {@code consumers} of its members share every one of the
     * {@code partitions} partitions of {@code topic}. Unlike {@link #awaitStableGroup} it does not count members that
     * only consume other topics (a worker's retry-topic consumers may join the same group).
     */
    public void awaitAssigned(String group, String topic, int consumers, int partitions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "not described yet";
        while (System.nanoTime() < deadline) {
            try {
                ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(group))
                        .describedGroups()
                        .get(group));
                int members = 0;
                int assigned = 0;
                for (var member : description.members()) {
                    long mine = member.assignment().topicPartitions().stream()
                            .filter(p -> p.topic().equals(topic))
                            .count();
                    if (mine > 0) {
                        members++;
                        assigned += (int) mine;
                    }
                }
                last = description.groupState() + ", " + description.members().size() + " members, " + members
                        + " of them with " + assigned + " partitions of " + topic;
                if (description.groupState() == GroupState.STABLE && members == consumers && assigned >= partitions) {
                    return;
                }
            } catch (IllegalStateException e) {
                last = e.getMessage();
            }
            sleep(500);
        }
        throw new IllegalStateException("consumer group " + group + " did not settle within " + timeout + ": " + last);
    }

    /** The sum of the topic's end offsets (records ever written to it), or -1 if the topic does not exist. */
    public long endOffsets(String topic) {
        if (!get(admin.listTopics().names()).contains(topic)) {
            return -1;
        }
        Set<TopicPartition> partitions =
                get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .collect(Collectors.toSet());
        return get(admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                        .all())
                .values()
                .stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                .sum();
    }

    /** Records of the topic not yet committed by the group, over all partitions. */
    public long lag(String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Set<TopicPartition> partitions =
                get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .collect(Collectors.toSet());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                get(admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                        .all());
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            lag += ends.get(partition).offset() - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }

    public void createTopic(String topic, int partitions) {
        try {
            if (!get(admin.listTopics().names()).contains(topic)) {
                get(admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                        .all());
            }
        } catch (IllegalStateException e) {
            if (!String.valueOf(e.getCause()).contains("TopicExists")) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
