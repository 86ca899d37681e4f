package io.rebound.common.kafka;

import io.rebound.common.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Every topic of the wire contract and its shape, in one place that gateway and worker both declare from ({@link
 * #all}), with the same three settings ({@code REBOUND_PARTITIONS}, {@code REBOUND_REPLICATION_FACTOR}, {@code
 * REBOUND_DEAD_LETTER_RETENTION}): whichever service starts first creates every topic the same way. A dead letter or a
 * retry keeps its partition (same count as its source); dead letters keep their retention.
 */
public final class TopicDefinitions {

    /**
     * The largest record a topic that receives forwarded records (retry, dead letter) takes: twice Kafka's default, so
     * that any record its source topic took still fits with the failure's headers. A record that cannot be forwarded
     * would hold its partition's offset for good.
     */
    public static final int FORWARDED_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

    private TopicDefinitions() {}

    /**
     * The topics of {@link io.rebound.common.Topics}, shaped: requests, their retries and dead letters, statuses and
     * theirs with {@code partitions} each; worker events on one partition, so that they keep one order (a trickle).
     * Status dead letters keep Kafka's default record limit: the gateway cuts a record that would not fit to an excerpt.
     */
    public static List<NewTopic> all(int partitions, short replicationFactor, Duration deadLetterRetention) {
        return List.of(
                topic(Topics.OPERATIONS_REQUESTED, partitions, replicationFactor),
                retryTopic(Topics.OPERATIONS_REQUESTED_RETRY, partitions, replicationFactor),
                deadLetterTopic(Topics.OPERATIONS_REQUESTED_DLT, partitions, replicationFactor, deadLetterRetention),
                topic(Topics.OPERATIONS_STATUS, partitions, replicationFactor),
                topic(Topics.OPERATIONS_STATUS_DLT, partitions, replicationFactor)
                        .configs(
                                Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(deadLetterRetention.toMillis()))),
                topic(Topics.WORKER_EVENTS, 1, replicationFactor));
    }

    public static NewTopic topic(String name, int partitions, short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor);
    }

    /** A topic that the worker forwards failed records to, to be attempted again. */
    public static NewTopic retryTopic(String name, int partitions, short replicationFactor) {
        return topic(name, partitions, replicationFactor)
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(FORWARDED_MAX_MESSAGE_BYTES)));
    }

    public static NewTopic deadLetterTopic(String name, int partitions, short replicationFactor, Duration retention) {
        return topic(name, partitions, replicationFactor)
                .configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(retention.toMillis()),
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        Integer.toString(FORWARDED_MAX_MESSAGE_BYTES)));
    }
}
