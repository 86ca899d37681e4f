package io.rebound.worker.kafka;

import java.util.Collection;
import org.apache.kafka.common.TopicPartition;

/** Told, on the consumer thread, of partitions a rebalance took from a listener container (revoked or lost). */
@FunctionalInterface
public interface PartitionsTaken {

    PartitionsTaken NONE = partitions -> {};

    void taken(Collection<TopicPartition> partitions);
}
