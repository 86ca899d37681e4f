package io.rebound.common.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics' shapes, in one place, so that whichever service creates a topic first creates it the same way: a dead
 * letter keeps its partition (same count as its source) and its retention.
 */
public final class TopicDefinitions {

    /**
     * The largest record a topic that receives forwarded records (retry, dead letter) takes: twice Kafka's default, so
     * that any record its source topic took still fits with the failure's headers. A record that cannot be forwarded
     * would hold its partition's offset for good.
     */
    public static final int FORWARDED_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

    private TopicDefinitions() {}

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
