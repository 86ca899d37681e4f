package io.rebound.worker.inflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.Acknowledgment;

class FetchWindowTest {

    private static final String FRESH = "operation-worker";
    private static final TopicPartition P0 = new TopicPartition("operations.requested", 0);
    private static final TopicPartition P1 = new TopicPartition("operations.requested", 1);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Partitions partitions = new Partitions();
    /** Offsets acknowledged per partition, in the order they were: spring-kafka commits the highest plus one. */
    private final Map<TopicPartition, List<Long>> acknowledged = new HashMap<>();

    @Test
    void commitsAPartitionUpToItsFirstRecordNotYetDoneWhateverOrderTheyFinishIn() {
        FetchWindow window = window(10);
        List<FetchWindow.Held> held = new ArrayList<>();
        for (long offset = 0; offset < 4; offset++) {
            held.add(window.hold(FRESH, record(P0, offset), ack(P0, offset)));
        }

        held.get(2).settle();
        held.get(1).settle();
        assertThat(committed(P0)).as("offset 0 still running").isNull();

        held.get(0).settle();
        assertThat(committed(P0)).isEqualTo(3L);

        held.get(3).settle();
        assertThat(committed(P0)).isEqualTo(4L);
        assertThat(window.held(FRESH)).isZero();
    }

    @Test
    void aRecordStillRunningHoldsBackOnlyItsOwnPartitionsCommit() {
        FetchWindow window = window(10);
        FetchWindow.Held slow = window.hold(FRESH, record(P0, 0), ack(P0, 0));
        FetchWindow.Held p0Next = window.hold(FRESH, record(P0, 1), ack(P0, 1));
        FetchWindow.Held p1 = window.hold(FRESH, record(P1, 7), ack(P1, 7));

        p0Next.settle();
        p1.settle();

        assertThat(committed(P1)).isEqualTo(8L);
        assertThat(committed(P0)).isNull();
        assertThat(window.held(FRESH)).isEqualTo(1);
        slow.settle();
        assertThat(committed(P0)).isEqualTo(2L);
    }

    @Test
    void pausesEveryAssignedPartitionAtCapacityAndResumesThemOnceAQuarterIsDone() {
        partitions.assigned.addAll(List.of(P0, P1));
        FetchWindow window = window(8);
        List<FetchWindow.Held> held = new ArrayList<>();
        for (long offset = 0; offset < 7; offset++) {
            held.add(window.hold(FRESH, record(P0, offset), ack(P0, offset)));
        }
        assertThat(partitions.paused).isEmpty();

        held.add(window.hold(FRESH, record(P0, 7), ack(P0, 7)));
        assertThat(partitions.paused).containsExactlyInAnyOrder(P0, P1);
        // The rest of the last poll still arrives.
        held.add(window.hold(FRESH, record(P1, 0), ack(P1, 0)));
        assertThat(window.held(FRESH)).isEqualTo(9);

        held.get(0).settle();
        held.get(1).settle();
        assertThat(partitions.paused).as("7 of 8 still held").containsExactlyInAnyOrder(P0, P1);
        held.get(2).settle();
        assertThat(partitions.paused).as("6 of 8 held").isEmpty();
        assertThat(partitions.resumed).containsExactlyInAnyOrder(P0, P1);
        assertThat(meters.get("rebound.worker.fetched")
                        .tag("listener", FRESH)
                        .gauge()
                        .value())
                .isEqualTo(6);
    }

    @Test
    void aPartitionAssignedWhileTheWindowIsFullIsPausedAtItsFirstRecord() {
        partitions.assigned.add(P0);
        FetchWindow window = window(2);
        window.hold(FRESH, record(P0, 0), ack(P0, 0));
        window.hold(FRESH, record(P0, 1), ack(P0, 1));
        assertThat(partitions.paused).containsExactly(P0);

        window.hold(FRESH, record(P1, 0), ack(P1, 0));

        assertThat(partitions.paused).containsExactlyInAnyOrder(P0, P1);
    }

    @Test
    void aPartitionTakenByARebalanceCommitsNothingMoreAndFreesItsRoom() {
        FetchWindow window = window(10);
        FetchWindow.Held first = window.hold(FRESH, record(P0, 0), ack(P0, 0));
        FetchWindow.Held second = window.hold(FRESH, record(P0, 1), ack(P0, 1));
        window.hold(FRESH, record(P1, 0), ack(P1, 0));

        window.taken(List.of(P0));
        assertThat(window.held(FRESH)).isEqualTo(1);
        first.settle();
        second.settle();

        assertThat(committed(P0)).as("its next owner commits it").isNull();
        assertThat(window.held(FRESH)).isEqualTo(1);

        // Given back: read again from the last commit, and tracked anew.
        FetchWindow.Held again = window.hold(FRESH, record(P0, 0), ack(P0, 0));
        again.settle();
        assertThat(committed(P0)).isEqualTo(1L);
    }

    @Test
    void aPartitionLostByOneConsumerAndFetchedByAnotherKeepsTheNewOwnersRecords() throws Exception {
        FetchWindow window = window(10);
        FetchWindow.Held lostRunning = window.hold(FRESH, record(P0, 0), ack(P0, 0));
        // A sibling consumer of the same worker is given the partition first, and reads it from the last commit...
        List<FetchWindow.Held> sibling = onAnotherThread(() ->
                List.of(window.hold(FRESH, record(P0, 0), ack(P0, 0)), window.hold(FRESH, record(P0, 1), ack(P0, 1))));
        // ...then the first consumer is told it lost it.
        window.taken(List.of(P0));
        lostRunning.settle();
        assertThat(committed(P0)).isNull();
        assertThat(window.held(FRESH)).isEqualTo(2);

        sibling.get(1).settle();
        assertThat(committed(P0)).as("the sibling's offset 0 is still running").isNull();
        sibling.get(0).settle();
        assertThat(committed(P0)).isEqualTo(2L);
        assertThat(window.held(FRESH)).isZero();
    }

    @Test
    void whileFullAPartitionIsPausedAgainAtEachRecordItDelivers() {
        FetchWindow window = window(2);
        window.hold(FRESH, record(P0, 0), ack(P0, 0));
        window.hold(FRESH, record(P0, 1), ack(P0, 1));
        // Moved between sibling consumers: the pause reached the one that had it.
        partitions.paused.clear();

        window.hold(FRESH, record(P0, 2), ack(P0, 2));

        assertThat(partitions.paused).containsExactly(P0);
    }

    @Test
    void aRecordSettledTwiceCountsOnce() {
        FetchWindow window = window(10);
        FetchWindow.Held held = window.hold(FRESH, record(P0, 0), ack(P0, 0));
        window.hold(FRESH, record(P0, 1), ack(P0, 1));

        held.settle();
        held.settle();

        assertThat(window.held(FRESH)).isEqualTo(1);
    }

    @Test
    void recordsSettledOnManyThreadsAtOnceCommitTheWholePartition() throws Exception {
        FetchWindow window = window(10_000);
        List<FetchWindow.Held> held = new ArrayList<>();
        for (long offset = 0; offset < 2_000; offset++) {
            held.add(window.hold(FRESH, record(P0, offset), ack(P0, offset)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 8; t++) {
            int first = t;
            threads.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = first; i < held.size(); i += 8) {
                    held.get(i).settle();
                }
            });
        }
        start.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(committed(P0)).isEqualTo(2_000L);
        assertThat(window.held(FRESH)).isZero();
    }

    private static <T> T onAnotherThread(Callable<T> work) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(work).get(5, TimeUnit.SECONDS);
        } finally {
            thread.shutdown();
        }
    }

    private FetchWindow window(int capacity) {
        return new FetchWindow(capacity, partitions, meters, List.of(FRESH));
    }

    private static ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "key", new byte[0]);
    }

    /** Like spring-kafka's: the container commits the highest offset acknowledged, plus one. */
    private Acknowledgment ack(TopicPartition partition, long offset) {
        return () -> {
            synchronized (acknowledged) {
                acknowledged.computeIfAbsent(partition, p -> new ArrayList<>()).add(offset);
            }
        };
    }

    private Long committed(TopicPartition partition) {
        synchronized (acknowledged) {
            List<Long> offsets = acknowledged.get(partition);
            return offsets == null
                    ? null
                    : offsets.stream().mapToLong(Long::longValue).max().orElseThrow() + 1;
        }
    }

    /** What a listener container keeps: its assigned partitions and those with a pause requested. */
    private static final class Partitions implements FetchWindow.Fetching {

        final Set<TopicPartition> assigned = new LinkedHashSet<>();
        final Set<TopicPartition> paused = new LinkedHashSet<>();
        final Set<TopicPartition> resumed = new LinkedHashSet<>();

        @Override
        public void pause(String listenerId, TopicPartition partition) {
            paused.add(partition);
        }

        @Override
        public Collection<TopicPartition> assigned(String listenerId) {
            return List.copyOf(assigned);
        }

        @Override
        public void resume(String listenerId, Collection<TopicPartition> partitions) {
            paused.removeAll(partitions);
            resumed.addAll(partitions);
        }
    }
}
