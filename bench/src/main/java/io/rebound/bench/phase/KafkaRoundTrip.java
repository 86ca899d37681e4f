package io.rebound.bench.phase;

import io.rebound.bench.client.KafkaClients;
import io.rebound.bench.measure.Stats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The broker's own limit: 1 KB JSON records produced with the settings Rebound uses (acks=all, idempotent, linger 0)
 * and consumed from the same 12-partition topic, with at most {@code window} records in flight (closed loop, like
 * the virtual users). Each record carries its send time, so the consumer measures the round trip.
 */
final class KafkaRoundTrip {

    static final String TOPIC = "bench.round-trip";
    static final int PARTITIONS = 12;
    private static final int VALUE_BYTES = 1024;

    record Run(double recordsPerSecond, double p50Ms, double p99Ms) {}

    private KafkaRoundTrip() {}

    static Run run(String bootstrap, int window, Duration warmup, Duration measure) {
        Semaphore inFlight = new Semaphore(window);
        List<Double> latencies = new ArrayList<>();
        AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
        AtomicLong measureTo = new AtomicLong(Long.MAX_VALUE);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrap));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClients.producer(bootstrap))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolves the end offsets now, before anything is produced
            Thread sender = new Thread(() -> produce(producer, inFlight, failure), "bench-kafka-producer");
            sender.setDaemon(true);
            long start = System.nanoTime();
            measureFrom.set(start + warmup.toNanos());
            measureTo.set(measureFrom.get() + measure.toNanos());
            sender.start();
            while (System.nanoTime() < measureTo.get() && failure.get() == null) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    long sent = sentNanos(record.value());
                    if (sent >= measureFrom.get() && now < measureTo.get()) {
                        latencies.add((now - sent) / 1e6);
                    }
                    inFlight.release();
                }
            }
            sender.interrupt();
            inFlight.release(window); // unblock the sender if it waits for a permit
            join(sender);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka round trip failed: " + failure.get(), failure.get());
        }
        return new Run(
                latencies.size() / (measure.toNanos() / 1e9),
                Stats.percentile(latencies, 50),
                Stats.percentile(latencies, 99));
    }

    private static void produce(
            KafkaProducer<byte[], byte[]> producer, Semaphore inFlight, AtomicReference<Exception> failure) {
        long seq = 0;
        try {
            while (!Thread.currentThread().isInterrupted() && failure.get() == null) {
                if (!inFlight.tryAcquire(1, TimeUnit.SECONDS)) {
                    continue;
                }
                byte[] key = Long.toString(seq).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(TOPIC, key, value(seq++, System.nanoTime())), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A JSON object of exactly {@value #VALUE_BYTES} bytes: sequence, send time and padding. */
    static byte[] value(long seq, long sentNanos) {
        String head = "{\"seq\":" + seq + ",\"sent_nanos\":" + sentNanos + ",\"pad\":\"";
        String tail = "\"}";
        return (head + "x".repeat(VALUE_BYTES - head.length() - tail.length()) + tail)
                .getBytes(StandardCharsets.US_ASCII);
    }

    static long sentNanos(byte[] value) {
        String json = new String(value, 0, Math.min(value.length, 80), StandardCharsets.US_ASCII);
        int start = json.indexOf("\"sent_nanos\":") + "\"sent_nanos\":".length();
        int end = json.indexOf(',', start);
        return Long.parseLong(json.substring(start, end));
    }

    private static void join(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
