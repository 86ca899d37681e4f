package io.rebound.worker;

import static org.awaitility.Awaitility.await;

import io.rebound.common.EventJson;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatus;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.OperationType;
import io.rebound.common.Topics;
import io.rebound.common.kafka.EventSerializer;
import io.rebound.simulator.AiSimulator;
import io.rebound.simulator.RequestStats;
import io.rebound.testsupport.SharedInfrastructure;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.ContextConfiguration;

/**
 * The real worker application on the shared broker and AI simulator. Every subclass keeps exactly these settings, so
 * all worker integration tests share one Spring context. The broker and simulator are shared by the whole JVM: each
 * test uses its own role text in the prompt, scopes its faults to it and finds its records by operation id. The circuit
 * breaker is off: these tests fail operations on purpose, and an open breaker would pause the worker they all share
 * ({@link CircuitBreakerIT} runs the breaker in a context and a JVM of its own).
 *
 * <p>Maven runs every worker integration test twice, once per retry mode ({@code rebound.worker.retry.mode}, see the
 * failsafe executions in ai-worker/pom.xml): every behaviour users rely on must hold in both.
 */
@SpringBootTest(
        classes = WorkerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "rebound.test.database=false",
            // Short client timeouts so that a delay fault turns into a timeout quickly.
            "spring.ai.openai.timeout=2s",
            "spring.ai.openai.chat.timeout=2s",
            // A missing dead-letter topic fails a publish in seconds rather than 15 s (metadata wait) or 30 s (delivery
            // of a send to a partition the producer still knew).
            "spring.kafka.producer.properties.max.block.ms=2000",
            "spring.kafka.producer.properties.request.timeout.ms=2000",
            "spring.kafka.producer.properties.delivery.timeout.ms=3000",
            "rebound.worker.breaker.enabled=false"
        })
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
public abstract class WorkerIT {

    protected static final String WORKER_GROUP = "rebound-ai-worker";
    protected static final int MAX_ATTEMPTS = 4;

    private static KafkaTemplate<String, Object> producer;

    protected final AiSimulator simulator = SharedInfrastructure.simulator();

    @Autowired
    private KafkaListenerEndpointRegistry listenerRegistry;

    @Autowired
    private WorkerProperties workerProperties;

    /**
     * In a fresh JVM the worker's consumers join the group one by one, and a consumer that joins late moves partitions
     * while the first test's record is being retried, which restarts its in-memory retry count. Every consumer owning
     * partitions means the group has settled; later tests pass at once.
     */
    @BeforeEach
    void awaitSettledConsumerGroup() {
        for (String id : List.of("operation-worker", "operation-retry")) {
            MessageListenerContainer container = listenerRegistry.getListenerContainer(id);
            if (container == null) {
                continue; // the blocking mode has no retry topic listener
            }
            ConcurrentMessageListenerContainer<?, ?> consumers = (ConcurrentMessageListenerContainer<?, ?>) container;
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        List<Integer> owned = consumers.getContainers().stream()
                                .map(WorkerIT::owned)
                                .toList();
                        return !owned.contains(0)
                                && owned.stream().mapToInt(Integer::intValue).sum() == workerProperties.partitions();
                    });
        }
    }

    protected WorkerProperties workerProperties() {
        return workerProperties;
    }

    private static int owned(MessageListenerContainer consumer) {
        Collection<TopicPartition> partitions = consumer.getAssignedPartitions();
        return partitions == null ? 0 : partitions.size();
    }

    @AfterEach
    void clearFaults() {
        // Tests run one after another, so no other test's faults are active now.
        simulator.clearFaults();
    }

    /** A role no other test uses; it is the prompt text that faults and request counts are scoped to. */
    protected static String uniqueRole() {
        return UUID.randomUUID() + " engineer";
    }

    protected static OperationRequested questionFor(String role) {
        return new OperationRequested(
                OperationRequested.SCHEMA_VERSION,
                UUID.randomUUID(),
                OperationType.QUESTION_GENERATION,
                Map.of("role", role),
                UUID.randomUUID(),
                null,
                null,
                0,
                "worker-it@rebound.test",
                OperationSource.EXTERNAL,
                Instant.now());
    }

    protected static RecordMetadata send(OperationRequested request) {
        return send(request.operationId().toString(), request);
    }

    /** Sends a value as the producers of operations.requested do; a {@code byte[]} goes out unchanged. */
    protected static RecordMetadata send(String key, Object value) {
        try {
            return producer()
                    .send(Topics.OPERATIONS_REQUESTED, key, value)
                    .get(10, TimeUnit.SECONDS)
                    .getRecordMetadata();
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + Topics.OPERATIONS_REQUESTED, e);
        }
    }

    /** Sends a record to a topic with the given string headers, as another producer might. */
    protected static RecordMetadata send(String topic, String key, Object value, Map<String, String> headers) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer().send(record).get(10, TimeUnit.SECONDS).getRecordMetadata();
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    private static synchronized KafkaTemplate<String, Object> producer() {
        if (producer == null) {
            Map<String, Object> config = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    SharedInfrastructure.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.LINGER_MS_CONFIG,
                    0);
            producer = new KafkaTemplate<>(
                    new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new EventSerializer()));
        }
        return producer;
    }

    /** Every record with this key currently on the topic, in offset order. */
    protected static List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return read(topic).stream().filter(r -> key.equals(r.key())).toList();
    }

    /** Reads the whole topic up to its current end, without a consumer group. */
    protected static List<ConsumerRecord<String, byte[]>> read(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    /** The status events of one operation, in the order they were published. */
    protected static List<OperationStatusChanged> statusEvents(OperationRequested request) {
        return records(Topics.OPERATIONS_STATUS, request.operationId().toString()).stream()
                .map(r -> EventJson.read(r.value(), OperationStatusChanged.class))
                .toList();
    }

    protected static List<OperationStatusChanged> awaitStatusEvents(
            OperationRequested request, Predicate<List<OperationStatusChanged>> done, Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> statusEvents(request), done);
    }

    protected static List<OperationStatusChanged> awaitCompleted(OperationRequested request, Duration timeout) {
        return awaitStatusEvents(
                request, events -> events.stream().anyMatch(e -> e.status() == OperationStatus.COMPLETED), timeout);
    }

    protected static ConsumerRecord<String, byte[]> awaitDeadLetter(String key, Duration timeout) {
        return await().atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> records(Topics.OPERATIONS_REQUESTED_DLT, key), list -> !list.isEmpty())
                .get(0);
    }

    protected static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The requests the simulator received for this role, oldest first (its log keeps the prompt's first 120 chars). */
    protected List<RequestStats.Request> requestsFor(String role) {
        String visiblePart = role.substring(0, 8);
        return simulator.requests().recent().stream()
                .filter(r -> r.promptExcerpt().contains(visiblePart))
                .toList();
    }
}
