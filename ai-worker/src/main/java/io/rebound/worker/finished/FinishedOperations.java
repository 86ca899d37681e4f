package io.rebound.worker.finished;

import io.rebound.common.EventJson;
import io.rebound.common.EventValidator;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationStatus;
import io.rebound.common.Topics;
import io.rebound.worker.WorkerProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * The operations that have finished lately: {@code completed} on {@code operations.status} or dead-lettered, by this
 * worker or any other. A record delivered again after a worker crashed between writing its outcome and committing its
 * offset is then skipped instead of costing a second AI call. It tails both topics without a consumer group from one
 * operation deadline ago (older records are past their deadline anyway) and forgets an operation a deadline after it
 * finished. Listeners wait for {@link #awaitLoaded} before their first record, so what other workers wrote before this
 * one started is known.
 */
@Component
public class FinishedOperations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FinishedOperations.class);
    private static final List<String> TOPICS = List.of(Topics.OPERATIONS_STATUS, Topics.OPERATIONS_REQUESTED_DLT);
    private static final Duration PURGE_EVERY = Duration.ofSeconds(30);

    private final Map<UUID, Long> forgetAt = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final Map<String, Object> consumerConfig;
    private final Duration keep;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    FinishedOperations(ConsumerFactory<?, ?> consumers, WorkerProperties properties) {
        Map<String, Object> config = new HashMap<>(consumers.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        config.remove("spring.deserializer.value.delegate.class");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "rebound-finished-operations");
        this.consumerConfig = config;
        this.keep = properties.operationDeadline();
    }

    /** True when the operation completed or was dead-lettered within the last deadline. */
    public boolean contains(UUID operationId) {
        Long until = forgetAt.get(operationId);
        return until != null && until > System.currentTimeMillis();
    }

    /** What this worker has just made durable, known before the topic brings it back. */
    public void add(UUID operationId) {
        forgetAt.put(operationId, System.currentTimeMillis() + keep.toMillis());
    }

    /** Waits until the topics have been read up to where they ended when this worker started, at most {@code max}. */
    public void awaitLoaded(Duration max) {
        try {
            loaded.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("finished operations not loaded after {}; going on without them", max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("finished operations could not be loaded: {}", e.toString());
        }
    }

    int size() {
        return forgetAt.size();
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "finished-operations");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the listener containers, so that they find it loading. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka =
                    new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = kafka;
                Map<TopicPartition, Long> end = assignFromOneDeadlineAgo(kafka);
                long purged = System.currentTimeMillis();
                while (running) {
                    kafka.poll(Duration.ofMillis(500)).forEach(this::read);
                    if (!loaded.isDone()
                            && end.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                        log.info("finished operations loaded operations={} partitions={}", forgetAt.size(), end.size());
                        loaded.complete(null);
                    }
                    if (System.currentTimeMillis() - purged > PURGE_EVERY.toMillis()) {
                        long now = System.currentTimeMillis();
                        forgetAt.values().removeIf(until -> until <= now);
                        purged = now;
                    }
                }
            } catch (WakeupException e) {
                // stop() woke the consumer up
            } catch (RuntimeException e) {
                log.warn("reading finished operations failed, starting again in 2 s: {}", e.toString());
                pause();
            }
        }
    }

    private Map<TopicPartition, Long> assignFromOneDeadlineAgo(KafkaConsumer<String, byte[]> kafka) {
        List<TopicPartition> partitions = TOPICS.stream()
                .flatMap(topic -> kafka.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(info -> new TopicPartition(topic, info.partition())))
                .toList();
        kafka.assign(partitions);
        long since = System.currentTimeMillis() - keep.toMillis();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> starts = kafka.offsetsForTimes(times);
        Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
        partitions.forEach(partition -> {
            OffsetAndTimestamp start = starts.get(partition);
            kafka.seek(partition, start == null ? end.get(partition) : start.offset());
        });
        return end;
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        UUID id = operationId(record.key());
        if (id == null || record.value() == null) {
            return;
        }
        boolean finished = record.topic().equals(Topics.OPERATIONS_REQUESTED_DLT)
                ? isOperation(id, record.value())
                : completed(record.value());
        if (finished) {
            forgetAt.put(id, record.timestamp() + keep.toMillis());
        }
    }

    /** A dead letter finishes its operation only when it is one; a poison record under its key does not. */
    private static boolean isOperation(UUID key, byte[] deadLetter) {
        try {
            return key.equals(EventValidator.validate(EventJson.read(deadLetter, OperationRequested.class))
                    .operationId());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean completed(byte[] statusEvent) {
        try {
            return OperationStatus.COMPLETED
                    .wireName()
                    .equals(EventJson.mapper()
                            .readTree(statusEvent)
                            .path("status")
                            .asString());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static UUID operationId(String key) {
        try {
            return key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
