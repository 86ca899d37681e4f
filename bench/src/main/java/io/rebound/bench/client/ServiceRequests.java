package io.rebound.bench.client;

import io.rebound.bench.load.OperationSample;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Other services asking for operations the way the architecture lets them: an {@code OperationRequested} (schema v1,
 * {@code source: external}) written straight onto {@code operations.requested}, keyed by operation id, and the
 * outcome read from {@code operations.status}. No gateway request is on the path, so a load of these measures what
 * the workers sustain, not what the gateway's CPU allows. The gateway still learns of every operation from its
 * status events and registers it, as it does for any service.
 */
public final class ServiceRequests implements AutoCloseable {

    public static final String REQUESTED_TOPIC = "operations.requested";
    public static final String STATUS_TOPIC = "operations.status";
    private static final Duration GIVE_UP = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> statuses;
    private final Map<UUID, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
    private final Map<UUID, String> outcome = new ConcurrentHashMap<>();
    private final Thread reader;
    private final String requestedBy;
    private volatile boolean open = true;

    private ServiceRequests(String bootstrap, String requestedBy) {
        this.requestedBy = requestedBy;
        producer = new KafkaProducer<>(KafkaClients.producer(bootstrap));
        Properties consumer = KafkaClients.consumer(bootstrap);
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        statuses = new KafkaConsumer<>(consumer);
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : statuses.partitionsFor(STATUS_TOPIC, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(STATUS_TOPIC, info.partition()));
        }
        statuses.assign(partitions);
        statuses.seekToEnd(partitions);
        partitions.forEach(statuses::position); // resolves the end now, before anything is requested
        reader = new Thread(this::read, "bench-status-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Reads {@code operations.status} from its end; requests are written as {@code requestedBy}. */
    public static ServiceRequests connect(String bootstrap, String requestedBy) {
        return new ServiceRequests(bootstrap, requestedBy);
    }

    /**
     * Requests one question for {@code role} and waits until its status is {@code completed} or {@code failed} on
     * the status topic; {@code lost} if neither comes within 90 s.
     */
    public OperationSample askAndWait(String role) {
        UUID id = UUID.randomUUID();
        CompletableFuture<Long> done = new CompletableFuture<>();
        waiting.put(id, done);
        long start = System.nanoTime();
        try {
            producer.send(new ProducerRecord<>(
                            REQUESTED_TOPIC,
                            id.toString().getBytes(StandardCharsets.UTF_8),
                            request(id, role, requestedBy)))
                    .get(30, TimeUnit.SECONDS);
            long accepted = System.nanoTime();
            try {
                long doneNanos = done.get(GIVE_UP.toNanos() - (accepted - start), TimeUnit.NANOSECONDS);
                return new OperationSample(id, false, start, accepted, doneNanos, outcome.remove(id));
            } catch (TimeoutException e) {
                return new OperationSample(id, false, start, accepted, System.nanoTime(), "lost");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write the request to " + REQUESTED_TOPIC + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            waiting.remove(id);
            outcome.remove(id);
        }
    }

    /** An {@code OperationRequested} v1 as another service would write it. */
    static byte[] request(UUID id, String role, String requestedBy) {
        ObjectNode node = JSON.createObjectNode();
        node.put("schema_version", 1);
        node.put("operation_id", id.toString());
        node.put("operation_type", "question_generation");
        node.putObject("parameters").put("role", role);
        node.putNull("session_id");
        node.putNull("message_id");
        node.putNull("parent_operation_id");
        node.put("retry_count", 0);
        node.put("requested_by", requestedBy);
        node.put("source", "external");
        node.put("requested_at", Instant.now().toString());
        return JSON.writeValueAsBytes(node);
    }

    /**
     * The operation id and status of an {@code OperationStatusChanged}, or null if the record is not one (the bench
     * only follows operations it asked for).
     */
    static String[] idAndStatus(byte[] value) {
        try {
            JsonNode event = JSON.readTree(value);
            String id = event.path("request").path("operation_id").asString(null);
            String status = event.path("status").asString(null);
            return id == null || status == null ? null : new String[] {id, status};
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void read() {
        try {
            while (open) {
                for (ConsumerRecord<byte[], byte[]> record : statuses.poll(Duration.ofMillis(200))) {
                    long now = System.nanoTime();
                    String[] event = idAndStatus(record.value());
                    if (event == null || !("completed".equals(event[1]) || "failed".equals(event[1]))) {
                        continue;
                    }
                    UUID id;
                    try {
                        id = UUID.fromString(event[0]);
                    } catch (IllegalArgumentException e) {
                        continue;
                    }
                    CompletableFuture<Long> done = waiting.get(id);
                    if (done != null && !done.isDone()) {
                        outcome.putIfAbsent(id, event[1]);
                        done.complete(now);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            statuses.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        open = false;
        statuses.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
