package io.rebound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rebound.common.EventJson;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationStatus;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.StatusEvent;
import io.rebound.common.Topics;
import io.rebound.simulator.Fault;
import io.rebound.testsupport.SharedInfrastructure;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The non-blocking mode's promise: AI calls in flight are bounded by configuration, not by partitions or threads,
 * and an operation waiting for its retry never holds up others. The blocking mode keeps one call per consumer thread
 * by design, so these run in the non-blocking mode only.
 */
class ConcurrencyIT extends WorkerIT {

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @BeforeEach
    void nonBlockingModeOnly() {
        assumeTrue(
                workerProperties().retry().mode() == WorkerProperties.RetryMode.NON_BLOCKING,
                "the blocking mode runs one AI call per consumer thread");
    }

    @Test
    void holdsHundredsOfSlowAiCallsInFlightAtOnceWithinTheLimit() throws Exception {
        // A worker that has never run a burst first starts its call threads and connections, and on a cold JVM that
        // takes longer than a 1 s call: the first calls would end before the last ones start. Warm it up once.
        List<OperationRequested> warmUp = IntStream.range(0, workerProperties().maxInFlight())
                .mapToObj(i -> questionFor(uniqueRole()))
                .toList();
        warmUp.forEach(WorkerIT::send);
        awaitAllCompleted(warmUp, Duration.ofSeconds(60));

        String marker = "slow-" + UUID.randomUUID();
        // Below the 2 s client timeout of this context.
        simulator.addFault(Fault.delayed(1000).onlyWhenPromptContains(marker));
        List<OperationRequested> requests = IntStream.range(0, 300)
                .mapToObj(i -> questionFor(UUID.randomUUID().toString().substring(0, 8) + " engineer " + marker))
                .toList();
        AtomicInteger most = new AtomicInteger();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        // All of them waiting at once, as a backlog after a burst: the worker, not the producer, sets the pace.
        MessageListenerContainer worker = listeners.getListenerContainer("operation-worker");
        worker.pause();
        await().atMost(Duration.ofSeconds(10)).until(worker::isContainerPaused);
        requests.forEach(WorkerIT::send);
        sampler.scheduleAtFixedRate(
                () -> most.accumulateAndGet((int) inFlight(), Math::max), 0, 20, TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        worker.resume();
        try {
            awaitAllCompleted(requests, Duration.ofSeconds(90));
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.printf("300 AI calls of 1 s: at most %d in flight, all completed after %d s%n", most.get(), seconds);
        assertThat(most.get()).isBetween(200, workerProperties().maxInFlight());
        // One AI call per attempt: the first of each, plus one for each failed attempt (on a loaded machine a call can
        // outlast this context's 2 s client timeout and be retried).
        Set<String> ids = requests.stream().map(r -> r.operationId().toString()).collect(Collectors.toSet());
        List<OperationStatusChanged> events = events(ids);
        long failedAttempts = events.stream()
                .filter(e -> e.declaredEvent() == StatusEvent.ATTEMPT_FAILED)
                .count();
        assertThat(events)
                .filteredOn(e -> e.status() == OperationStatus.COMPLETED)
                .hasSize(300);
        // (A call that timed out before the simulator read it is an attempt the simulator never saw.)
        assertThat(simulator.requests().countFor(marker)).isBetween(300L, 300 + failedAttempts);
        // Every partition committed to its end: nothing done is left to be read again.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(committedOffsets())
                        .isEqualTo(endOffsets(workerProperties().partitions())));
    }

    @Test
    void anOperationWaitingForItsRetriesNeverHoldsUpOthers() {
        String failingRole = uniqueRole();
        simulator.addFault(Fault.error(503).withTimes(3).onlyWhenPromptContains(failingRole));
        OperationRequested failing = questionFor(failingRole);
        send(failing);
        await().atMost(Duration.ofSeconds(15)).until(() -> simulator.requests().countFor(failingRole) >= 1);

        // Behind it in every partition while it waits about 1 + 2 + 4 s for its retries.
        List<OperationRequested> healthy =
                IntStream.range(0, 24).mapToObj(i -> questionFor(uniqueRole())).toList();
        Instant sentAt = Instant.now();
        healthy.forEach(WorkerIT::send);
        // When each completed, by the worker's clock: not when this test, reading the topic, found out.
        long healthyMillis = healthy.stream()
                .map(request -> awaitCompleted(request, Duration.ofSeconds(15)))
                .map(events -> events.get(events.size() - 1).occurredAt())
                .mapToLong(at -> Duration.between(sentAt, at).toMillis())
                .max()
                .orElseThrow();

        List<OperationStatusChanged> events = awaitCompleted(failing, Duration.ofSeconds(20));
        long failingMillis = Duration.between(
                        sentAt, events.get(events.size() - 1).occurredAt())
                .toMillis();
        System.out.printf(
                "24 healthy operations done after %d ms; the retrying one completed after %d ms%n",
                healthyMillis, failingMillis);
        assertThat(events.get(events.size() - 1).attempt()).isEqualTo(4);
        assertThat(healthyMillis).isLessThan(failingMillis - 3_000);
        assertThat(failingMillis).isGreaterThan(5_000);
    }

    @Test
    void aSlowCallHoldsBackItsPartitionsCommitButNotTheRecordsBehindIt() throws Exception {
        String marker = "slow-" + UUID.randomUUID();
        // Just below this context's 2 s client timeout: one attempt, running well after the records behind it are done.
        simulator.addFault(Fault.delayed(1900).onlyWhenPromptContains(marker));
        // One key: one partition, the slow record first.
        String key = "one-partition-" + UUID.randomUUID();
        OperationRequested slow = questionFor(uniqueRole() + " " + marker);
        RecordMetadata slowAt = send(key, slow);
        List<OperationRequested> behind =
                IntStream.range(0, 10).mapToObj(i -> questionFor(uniqueRole())).toList();
        long lastOffset = behind.stream()
                .mapToLong(request -> send(key, request).offset())
                .max()
                .orElseThrow();
        TopicPartition partition = new TopicPartition(Topics.OPERATIONS_REQUESTED, slowAt.partition());

        // Sampled until the worker holds none of them: records it has fetched and not settled, and the commit.
        record Sample(long atMillis, double fetched, long committed) {}
        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        try (Admin admin = admin()) {
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        samples.add(new Sample(
                                Duration.ofNanos(System.nanoTime() - start).toMillis(),
                                fetched(),
                                committedOffsets(admin).getOrDefault(partition, -1L)));
                        return fetched() == 0 && samples.size() >= 5;
                    });
        }
        List<Sample> slowAlone = samples.stream().filter(s -> s.fetched() == 1).toList();
        System.out.printf(
                "a slow call held alone for %d ms after the 10 behind it settled; commit meanwhile %s (slow at %d)%n",
                slowAlone.isEmpty()
                        ? 0
                        : slowAlone.get(slowAlone.size() - 1).atMillis()
                                - slowAlone.get(0).atMillis(),
                slowAlone.stream().map(Sample::committed).distinct().toList(),
                slowAt.offset());
        // The records behind it settled while it ran...
        assertThat(slowAlone).isNotEmpty();
        behind.forEach(
                request -> assertThat(statusEvents(request)).anyMatch(e -> e.status() == OperationStatus.COMPLETED));
        // ...but its partition's commit stayed at it until it was done (after a crash it is read again).
        assertThat(samples)
                .filteredOn(sample -> sample.fetched() > 0)
                .allMatch(sample -> sample.committed() <= slowAt.offset());
        assertThat(statusEvents(slow)).anyMatch(e -> e.status() == OperationStatus.COMPLETED);
        await().atMost(Duration.ofSeconds(10)).until(() -> committed(partition) > lastOffset);
    }

    @Test
    void aWorkerThatJoinsTheGroupTakesPartitionsAndRunsOperations() {
        // A second worker process, as an SRE would start one next to the first: same group, same settings.
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(WorkerApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(new SharedInfrastructureInitializer())
                .properties(
                        "rebound.test.database=false",
                        "rebound.worker.breaker.enabled=false",
                        "rebound.worker.instance-id=second-worker",
                        "rebound.worker.retry.mode=non-blocking")
                .run()) {
            KafkaListenerEndpointRegistry theirs = second.getBean(KafkaListenerEndpointRegistry.class);
            int partitions = workerProperties().partitions();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        int mine = owned(listeners, "operation-worker");
                        int others = owned(theirs, "operation-worker");
                        assertThat(others)
                                .as("partitions of the worker that joined")
                                .isGreaterThanOrEqualTo(partitions / 3);
                        assertThat(mine).as("partitions of the first worker").isGreaterThanOrEqualTo(partitions / 3);
                        assertThat(mine + others).isEqualTo(partitions);
                    });

            List<OperationRequested> requests = IntStream.range(0, 24)
                    .mapToObj(i -> questionFor(uniqueRole()))
                    .toList();
            requests.forEach(WorkerIT::send);
            awaitAllCompleted(requests, Duration.ofSeconds(30));
            MeterRegistry theirMeters = second.getBean(MeterRegistry.class);
            assertThat(theirMeters.find("gen_ai.client.operation").timers().stream()
                            .mapToLong(Timer::count)
                            .sum())
                    .as("AI calls the worker that joined made")
                    .isPositive();
        }
        // Its partitions come back to this worker, for the tests after this one.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> owned(listeners, "operation-worker")
                        == workerProperties().partitions());
    }

    /** Partitions of operations.requested the listener's consumers own now. */
    private static int owned(KafkaListenerEndpointRegistry registry, String listenerId) {
        MessageListenerContainer container = registry.getListenerContainer(listenerId);
        if (container == null || container.getAssignedPartitions() == null) {
            return 0;
        }
        return container.getAssignedPartitions().size();
    }

    private static long committed(TopicPartition partition) throws Exception {
        return committedOffsets().getOrDefault(partition, -1L);
    }

    /** The worker group's committed offsets of operations.requested. */
    private static Map<TopicPartition, Long> committedOffsets() throws Exception {
        try (Admin admin = admin()) {
            return committedOffsets(admin);
        }
    }

    private static Map<TopicPartition, Long> committedOffsets(Admin admin) throws Exception {
        return admin
                .listConsumerGroupOffsets(WORKER_GROUP)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS)
                .entrySet()
                .stream()
                .filter(e -> e.getKey().topic().equals(Topics.OPERATIONS_REQUESTED) && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The log-end offsets of the partitions of operations.requested that hold records. */
    private static Map<TopicPartition, Long> endOffsets(int partitions) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions)
                    .mapToObj(p -> new TopicPartition(Topics.OPERATIONS_REQUESTED, p))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .filter(e -> e.getValue().offset() > 0)
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private static Admin admin() {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers()));
    }

    private static void awaitAllCompleted(List<OperationRequested> requests, Duration atMost) {
        Set<String> ids = requests.stream().map(r -> r.operationId().toString()).collect(Collectors.toSet());
        Set<String> completed = ConcurrentHashMap.newKeySet();
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            events(ids).stream()
                    .filter(e -> e.status() == OperationStatus.COMPLETED)
                    .forEach(e -> completed.add(e.operationId().toString()));
            return completed.size() == ids.size();
        });
    }

    private static List<OperationStatusChanged> events(Set<String> ids) {
        return read(Topics.OPERATIONS_STATUS).stream()
                .filter(r -> ids.contains(r.key()))
                .map(r -> EventJson.read(r.value(), OperationStatusChanged.class))
                .toList();
    }

    private double fetched() {
        return meters.get("rebound.worker.fetched")
                .tag("listener", "operation-worker")
                .gauge()
                .value();
    }

    private double inFlight() {
        return meters.get("rebound.worker.in.flight").gauge().value();
    }
}
