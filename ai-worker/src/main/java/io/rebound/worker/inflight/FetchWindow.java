package io.rebound.worker.inflight;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rebound.worker.NonBlockingRetryMode;
import io.rebound.worker.WorkerProperties;
import io.rebound.worker.kafka.PartitionsTaken;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Conditional;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * The records the non-blocking listeners have fetched and not yet settled (a record is settled when its outcome is
 * durable), and the offsets that may be committed. A partition's commit goes up to its first unsettled record: a
 * record settled early never commits one still running below it, and a crash loses nothing. Settling never waits for
 * the rest of a poll, so a slow call holds back nothing but its own offset's commit.
 *
 * <p>Each listener fetches until it holds its capacity of unsettled records ({@code max-in-flight} plus {@code
 * max-waiting}); then its partitions pause, until a quarter of that capacity has settled. What the worker holds in
 * memory is that capacity per listener plus one poll per consumer. A partition taken away by a rebalance is forgotten:
 * its records still running settle into nothing, and its next owner reads them again from the last commit.
 *
 * <p>Records are kept per consumer and partition: both {@link #hold} and {@link #taken} run on the consumer's own
 * thread, and a partition a consumer lost (expelled from the group) may already be fetched by a sibling consumer of the
 * same worker before the first one is told; the two never share what they hold.
 */
@Component
@Conditional(NonBlockingRetryMode.class)
class FetchWindow implements PartitionsTaken {

    private static final Logger log = LoggerFactory.getLogger(FetchWindow.class);

    /** Pauses and resumes the fetching of a listener's partitions; spring-kafka applies both before its next poll. */
    interface Fetching {

        void pause(String listenerId, TopicPartition partition);

        Collection<TopicPartition> assigned(String listenerId);

        void resume(String listenerId, Collection<TopicPartition> partitions);
    }

    /** A record held: settle it once its outcome is durable. */
    interface Held {
        void settle();
    }

    private final int capacity;
    private final int resumeAt;
    private final Fetching fetching;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<Owned, Partition> partitions = new ConcurrentHashMap<>();

    /** A partition as one consumer thread holds it. */
    private record Owned(Thread consumer, TopicPartition partition) {}

    @Autowired
    FetchWindow(WorkerProperties properties, KafkaListenerEndpointRegistry registry, MeterRegistry meters) {
        this(capacity(properties), new ListenerContainers(registry), meters, NonBlockingOperationListener.LISTENER_IDS);
    }

    FetchWindow(int capacity, Fetching fetching, MeterRegistry meters, List<String> listenerIds) {
        this.capacity = capacity;
        this.resumeAt = capacity - Math.max(1, capacity / 4);
        this.fetching = fetching;
        for (String id : listenerIds) {
            Lane lane = lanes.computeIfAbsent(id, Lane::new);
            Gauge.builder("rebound.worker.fetched", lane, Lane::held)
                    .tag("listener", id)
                    .description("Records a listener has fetched and not yet settled (at the capacity it stops"
                            + " fetching)")
                    .register(meters);
        }
        Gauge.builder("rebound.worker.fetched.limit", () -> capacity)
                .description("Unsettled records at which a listener stops fetching (max-in-flight + max-waiting)")
                .register(meters);
    }

    /** Unsettled records at which a listener stops fetching. */
    static int capacity(WorkerProperties properties) {
        return properties.maxInFlight() + properties.maxWaiting();
    }

    /** Holds a record a listener has just been given (on its consumer thread). */
    Held hold(String listenerId, ConsumerRecord<?, ?> record, Acknowledgment ack) {
        Lane lane = lanes.computeIfAbsent(listenerId, Lane::new);
        TopicPartition topicPartition = new TopicPartition(record.topic(), record.partition());
        // Only this thread adds to or takes away its own partitions, so nothing revokes this one before the add.
        Partition partition = partitions.computeIfAbsent(
                new Owned(Thread.currentThread(), topicPartition), owned -> new Partition(lane, topicPartition));
        Entry entry = partition.add(record.offset(), ack);
        lane.held(topicPartition);
        return entry;
    }

    /** Forgets partitions a rebalance took away (on the consumer thread, after spring-kafka's last commit of them). */
    @Override
    public void taken(Collection<TopicPartition> taken) {
        for (TopicPartition topicPartition : taken) {
            Partition partition = partitions.remove(new Owned(Thread.currentThread(), topicPartition));
            if (partition != null) {
                partition.lane.released(partition.revoke());
            }
        }
    }

    int held(String listenerId) {
        Lane lane = lanes.get(listenerId);
        return lane == null ? 0 : lane.held();
    }

    private final class Lane {

        private final String listenerId;
        private final Set<TopicPartition> paused = new HashSet<>();
        private int held;
        private boolean full;

        Lane(String listenerId) {
            this.listenerId = listenerId;
        }

        synchronized int held() {
            return held;
        }

        synchronized void held(TopicPartition from) {
            held++;
            if (!full && held >= capacity) {
                full = true;
                log.debug("{} holds {} unsettled records; pausing its partitions", listenerId, held);
                fetching.assigned(listenerId).forEach(this::pause);
            }
            if (full) {
                // Assigned since the pause began, or moved to this consumer from a sibling that had it paused: a
                // pause request reaches only the consumer that owns the partition at the time, so it is made again.
                paused.add(from);
                fetching.pause(listenerId, from);
            }
        }

        synchronized void released(int records) {
            held -= records;
            if (full && held <= resumeAt) {
                full = false;
                log.debug("{} holds {} unsettled records; resuming its partitions", listenerId, held);
                fetching.resume(listenerId, List.copyOf(paused));
                paused.clear();
            }
        }

        private void pause(TopicPartition partition) {
            if (paused.add(partition)) {
                fetching.pause(listenerId, partition);
            }
        }
    }

    /** The unsettled records of one partition in offset order, and its settled ones above the first unsettled. */
    private static final class Partition {

        private final Lane lane;
        private final TopicPartition topicPartition;
        private final ArrayDeque<Entry> entries = new ArrayDeque<>();
        private boolean revoked;

        Partition(Lane lane, TopicPartition topicPartition) {
            this.lane = lane;
            this.topicPartition = topicPartition;
        }

        synchronized Entry add(long offset, Acknowledgment ack) {
            Entry last = entries.peekLast();
            if (last != null && offset <= last.offset) {
                // Fetched again after a seek: what was held from that offset on is read again.
                log.debug("{} fetched offset {} again (held up to {})", topicPartition, offset, last.offset);
            }
            Entry entry = new Entry(this, offset, ack);
            entries.addLast(entry);
            return entry;
        }

        /** Settles an entry; the acknowledgement to give, if the first unsettled offset moved. */
        synchronized Acknowledgment settle(Entry entry) {
            if (revoked || entry.settled) {
                return null;
            }
            entry.settled = true;
            Acknowledgment highest = null;
            while (!entries.isEmpty() && entries.peekFirst().settled) {
                highest = entries.pollFirst().ack;
            }
            return highest;
        }

        /** The records it held unsettled. */
        synchronized int revoke() {
            revoked = true;
            int unsettled = (int) entries.stream().filter(e -> !e.settled).count();
            entries.clear();
            return unsettled;
        }

        synchronized boolean isRevoked() {
            return revoked;
        }
    }

    private static final class Entry implements Held {

        private final Partition partition;
        private final long offset;
        private final Acknowledgment ack;
        private boolean settled;

        Entry(Partition partition, long offset, Acknowledgment ack) {
            this.partition = partition;
            this.offset = offset;
            this.ack = ack;
        }

        @Override
        public void settle() {
            boolean counted;
            Acknowledgment ack;
            synchronized (partition) {
                counted = !settled && !partition.isRevoked();
                ack = partition.settle(this);
            }
            if (ack != null) {
                // Queued for the consumer thread, which commits the highest one before its next poll.
                ack.acknowledge();
            }
            if (counted) {
                partition.lane.released(1);
            }
        }
    }

    /** The listener containers of the registry; each child container pauses the partitions assigned to it. */
    private record ListenerContainers(KafkaListenerEndpointRegistry registry) implements Fetching {

        @Override
        public void pause(String listenerId, TopicPartition partition) {
            MessageListenerContainer container = registry.getListenerContainer(listenerId);
            if (container != null) {
                container.pausePartition(partition);
            }
        }

        @Override
        public Collection<TopicPartition> assigned(String listenerId) {
            MessageListenerContainer container = registry.getListenerContainer(listenerId);
            Collection<TopicPartition> assigned = container == null ? null : container.getAssignedPartitions();
            return assigned == null ? List.of() : assigned;
        }

        @Override
        public void resume(String listenerId, Collection<TopicPartition> partitions) {
            MessageListenerContainer container = registry.getListenerContainer(listenerId);
            if (container == null) {
                return;
            }
            // Every child: one may still have a pause requested for a partition a rebalance gave to another.
            List<? extends MessageListenerContainer> children =
                    container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent
                            ? concurrent.getContainers()
                            : List.of(container);
            for (MessageListenerContainer child : children) {
                for (TopicPartition partition : partitions) {
                    if (child.isPartitionPauseRequested(partition)) {
                        child.resumePartition(partition);
                    }
                }
            }
        }
    }
}
