package io.rebound.worker.kafka;

import io.rebound.common.Topics;
import io.rebound.common.kafka.TopicDefinitions;
import io.rebound.worker.WorkerProperties;
import io.rebound.worker.operation.StatusPublisher;
import io.rebound.worker.retry.AiCallFailure;
import io.rebound.worker.retry.AttemptBackOffHandler;
import io.rebound.worker.retry.AttemptRetryListener;
import io.rebound.worker.retry.DeadLetterHeaders;
import io.rebound.worker.retry.DeadLetterRecoverer;
import io.rebound.worker.retry.FailureClassifier;
import io.rebound.worker.retry.RetryMetrics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Topics, and the one error handler that owns every retry of operations.requested. */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    @Bean
    NewTopic operationsRequestedTopic(WorkerProperties properties) {
        return TopicDefinitions.topic(
                Topics.OPERATIONS_REQUESTED, properties.partitions(), properties.replicationFactor());
    }

    /** Same partition count as its source: a dead letter keeps its partition. */
    @Bean
    NewTopic operationsRequestedDltTopic(WorkerProperties properties) {
        return TopicDefinitions.deadLetterTopic(
                Topics.OPERATIONS_REQUESTED_DLT,
                properties.partitions(),
                properties.replicationFactor(),
                properties.deadLetterRetention());
    }

    @Bean
    NewTopic operationsStatusTopic(WorkerProperties properties) {
        return TopicDefinitions.topic(
                Topics.OPERATIONS_STATUS, properties.partitions(), properties.replicationFactor());
    }

    /** Worker events such as the AI circuit breaker's; a trickle, so one partition keeps them in one order. */
    @Bean
    NewTopic workerEventsTopic(WorkerProperties properties) {
        return TopicBuilder.name(Topics.WORKER_EVENTS)
                .partitions(1)
                .replicas(properties.replicationFactor())
                .build();
    }

    @Bean
    ExponentialBackOff operationBackOff(WorkerProperties properties) {
        WorkerProperties.Retry retry = properties.retry();
        ExponentialBackOff backOff =
                new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setMaxAttempts(retry.maxRetries());
        backOff.setJitter(retry.jitter().toMillis());
        return backOff;
    }

    @Bean
    DefaultErrorHandler operationErrorHandler(
            KafkaTemplate<Object, Object> kafka,
            StatusPublisher status,
            RetryMetrics metrics,
            FailureClassifier classifier,
            ExponentialBackOff operationBackOff,
            WorkerProperties properties) {
        WorkerProperties.Retry retry = properties.retry();
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafka);
        publisher.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
        // By default the recoverer first asks the consumer for the DLT's partitions. That metadata request queues on
        // the consumer's connection behind its parked fetch (fetch.max.wait.ms, 500 ms), which delayed one failure
        // in four by up to 500 ms (make bench P4). The DLT is declared with the source's partition count, so the
        // same partition always exists.
        publisher.setVerifyPartition(false);
        publisher.setHeadersFunction((record, exception) -> DeadLetterHeaders.forFailure(classifier, exception, retry));
        DefaultErrorHandler handler = new DefaultErrorHandler(
                new DeadLetterRecoverer(publisher, status, metrics, retry),
                operationBackOff,
                new AttemptBackOffHandler(status, metrics, retry));
        handler.defaultFalse();
        handler.addRetryableExceptions(AiCallFailure.Transient.class, StatusPublisher.StatusPublishException.class);
        handler.setRetryListeners(new AttemptRetryListener());
        handler.setCommitRecovered(true);
        return handler;
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumerFactory,
            DefaultErrorHandler operationErrorHandler) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        factory.setCommonErrorHandler(operationErrorHandler);
        factory.getContainerProperties().setDeliveryAttemptHeader(true);
        // The circuit breaker's pause takes effect after the current record, not after the rest of the last poll (up
        // to max.poll.records, each with four attempts against a provider that is down); the rest is fetched again.
        factory.getContainerProperties().setPauseImmediate(true);
        return factory;
    }
}
