package io.rebound.worker.kafka;

import io.rebound.common.kafka.TopicDefinitions;
import io.rebound.worker.NonBlockingRetryMode;
import io.rebound.worker.WorkerProperties;
import io.rebound.worker.finished.FinishedOperations;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;

/** Topics, and the listener container factories of both retry modes with their error handler. */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfig.class);

    /** How long a listener waits, at a partition assignment, for the finished operations to be known. */
    private static final Duration FINISHED_LOAD_WAIT = Duration.ofSeconds(30);

    /** Every topic of the contract, as the gateway declares them too: either service may start first. */
    @Bean
    KafkaAdmin.NewTopics reboundTopics(WorkerProperties properties) {
        return new KafkaAdmin.NewTopics(TopicDefinitions.all(
                        properties.partitions(), properties.replicationFactor(), properties.deadLetterRetention())
                .toArray(NewTopic[]::new));
    }

    /** The blocking mode's factory (and Spring Boot's default one). */
    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumerFactory,
            DefaultErrorHandler operationErrorHandler,
            FinishedOperations finished) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        factory.setCommonErrorHandler(operationErrorHandler);
        factory.getContainerProperties().setDeliveryAttemptHeader(true);
        // The circuit breaker's pause takes effect after the current record, not after the rest of the last poll (up
        // to max.poll.records, each with four attempts against a provider that is down); the rest is delivered after
        // the
        // resume.
        factory.getContainerProperties().setPauseImmediate(true);
        factory.getContainerProperties().setConsumerRebalanceListener(waitForFinished(finished, PartitionsTaken.NONE));
        return factory;
    }

    /**
     * The non-blocking mode's factory: values arrive as bytes (the listener reads them, so that a record it cannot read
     * is dead-lettered by the same path as every other outcome), and records are acknowledged by hand, from any
     * thread, once their outcome is durable: the listeners' window decides what is committed and when fetching pauses
     * (spring-kafka's async acknowledgements would pause a consumer until every record of its last poll is done). A
     * poll is sized so that the consumers of a listener fill its window together.
     */
    @Bean
    @Conditional(NonBlockingRetryMode.class)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> nonBlockingContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumerFactory,
            DefaultErrorHandler operationErrorHandler,
            FinishedOperations finished,
            PartitionsTaken window,
            WorkerProperties properties) {
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.remove("spring.deserializer.value.delegate.class");
        config.put(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                Math.max(
                        1, (properties.maxInFlight() + properties.maxWaiting()) / Math.max(1, properties.consumers())));
        DefaultKafkaConsumerFactory<String, byte[]> bytes =
                new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        // Spring Boot's listeners, Micrometer's among them: the consumers' kafka_consumer_* meters.
        consumerFactory.getListeners().forEach(listener -> bytes.addListener((ConsumerFactory.Listener) listener));
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure((ConcurrentKafkaListenerContainerFactory) factory, (ConsumerFactory) bytes);
        factory.setCommonErrorHandler(operationErrorHandler);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        factory.getContainerProperties().setPauseImmediate(true);
        factory.getContainerProperties().setConsumerRebalanceListener(waitForFinished(finished, window));
        return factory;
    }

    /**
     * Replaces spring-kafka's logging rebalance listener, so it logs the same lines; tells {@code taken} (when given)
     * of partitions revoked or lost.
     */
    private static ConsumerAwareRebalanceListener waitForFinished(FinishedOperations finished, PartitionsTaken taken) {
        return new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                finished.awaitLoaded(FINISHED_LOAD_WAIT);
                log.info("{}: partitions assigned: {}", group(consumer), partitions);
            }

            @Override
            public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                taken.taken(partitions);
                log.info("{}: partitions revoked: {}", group(consumer), partitions);
            }

            @Override
            public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                taken.taken(partitions);
                log.info("{}: partitions lost: {}", group(consumer), partitions);
            }
        };
    }

    private static String group(Consumer<?, ?> consumer) {
        try {
            return consumer.groupMetadata().groupId();
        } catch (RuntimeException e) {
            return "consumer";
        }
    }
}
