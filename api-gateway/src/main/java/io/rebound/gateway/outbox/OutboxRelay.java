package io.rebound.gateway.outbox;

import io.rebound.gateway.GatewayProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Publishes the outbox to Kafka on one thread, oldest first. It wakes as soon as a transaction that appended an event
 * commits, and otherwise polls, so events of other gateways and of failed earlier tries go out too. Events are marked
 * published only after the broker acknowledged them (acks=all, idempotent producer); when Kafka is down they stay and
 * the relay backs off and tries again.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** How long stopping waits for the relay's thread to finish its batch. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final OutboxRepository events;
    private final KafkaTemplate<String, Object> kafka;
    private final TransactionTemplate transactions;
    private final GatewayProperties properties;
    private final TraceContext traces;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private volatile boolean running;
    private boolean pending;
    private Thread thread;

    OutboxRelay(
            OutboxRepository events,
            KafkaTemplate<String, Object> kafka,
            TransactionTemplate transactions,
            GatewayProperties properties,
            TraceContext traces) {
        this.events = events;
        this.kafka = kafka;
        this.transactions = transactions;
        this.properties = properties;
        this.traces = traces;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onAppended(Outbox.OutboxAppended appended) {
        lock.lock();
        try {
            pending = true;
            wakeUp.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Publishes one batch; returns how many events went out. */
    int publishBatch() {
        Integer published = transactions.execute(status -> {
            List<OutboxEvent> batch = events.lockUnpublished(properties.outboxBatchSize());
            if (batch.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> sends = new ArrayList<>(batch.size());
            for (OutboxEvent event : batch) {
                ProducerRecord<String, Object> record = new ProducerRecord<>(
                        event.getTopic(),
                        event.getMessageKey(),
                        event.getPayload().getBytes(StandardCharsets.UTF_8));
                sends.add(traces.continueTrace(event.getTraceParent(), "outbox publish", () -> kafka.send(record)));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
            events.markPublished(batch.stream().map(OutboxEvent::getId).toList(), Instant.now());
            return batch.size();
        });
        return published == null ? 0 : published;
    }

    private void loop() {
        BackOffExecution backOff = null;
        while (running) {
            try {
                int published = publishBatch();
                backOff = null;
                if (published < properties.outboxBatchSize()) {
                    await(properties.outboxPollInterval());
                }
            } catch (RuntimeException e) {
                if (backOff == null) {
                    backOff = properties.recovery().relayBackOff().start();
                }
                Duration wait = Duration.ofMillis(backOff.nextBackOff());
                log.warn(
                        "outbox publish failed, events stay in the outbox; next try in {} ms: {}",
                        wait.toMillis(),
                        e.toString());
                sleep(wait);
            }
        }
    }

    private void await(Duration timeout) {
        lock.lock();
        try {
            if (!pending && running) {
                wakeUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            pending = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Scheduled(fixedDelayString = "1m", initialDelayString = "1m")
    void purgePublished() {
        Instant before = Instant.now().minus(properties.outboxRetention());
        Integer deleted = transactions.execute(status -> events.deletePublishedBefore(before));
        if (deleted != null && deleted > 0) {
            log.debug("purged {} published outbox events", deleted);
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        lock.lock();
        try {
            wakeUp.signal();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            try {
                thread.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
