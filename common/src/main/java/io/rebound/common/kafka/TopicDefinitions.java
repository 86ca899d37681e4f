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

    private TopicDefinitions() {}

    public static NewTopic topic(String name, int partitions, short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor);
    }

    public static NewTopic deadLetterTopic(String name, int partitions, short replicationFactor, Duration retention) {
        return topic(name, partitions, replicationFactor)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())));
    }
}
