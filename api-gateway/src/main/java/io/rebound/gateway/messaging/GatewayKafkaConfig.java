package io.rebound.gateway.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.rebound.common.kafka.TopicDefinitions;
import io.rebound.gateway.GatewayProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The topics and the error handler of its consumers. A database outage is retried without end (the offset
 * is not committed until the change is written); a record that cannot be read is dead-lettered with the reason.
 */
@Configuration(proxyBeanMethods = false)
class GatewayKafkaConfig {

    /** Every topic of the contract, as the worker declares them too: either service may start first. */
    @Bean
    KafkaAdmin.NewTopics reboundTopics(GatewayProperties properties) {
        return new KafkaAdmin.NewTopics(TopicDefinitions.all(
                        properties.partitions(), properties.replicationFactor(), properties.deadLetterRetention())
                .toArray(NewTopic[]::new));
    }

    @Bean
    DefaultErrorHandler gatewayErrorHandler(
            KafkaTemplate<Object, Object> kafka, MeterRegistry registry, GatewayProperties properties) {
        ExponentialBackOff backOff = properties.recovery().consumerBackOff();
        // A status event that cannot be read goes to operations.status-dlt; the dead-letter topic has no DLT of its
        // own.
        DeadLetterPublishingRecoverer recoverer = new StatusDeadLetters.CauseKeepingPublisher(
                kafka,
                (record, exception) -> record.topic().endsWith("-dlt")
                        ? null
                        : new TopicPartition(record.topic() + "-dlt", record.partition()));
        recoverer.setThrowIfNoDestinationReturned(false);
        recoverer.setHeadersFunction((record, exception) -> StatusDeadLetters.headers(exception));
        DefaultErrorHandler handler = new DefaultErrorHandler(new StatusDeadLetters(recoverer, registry), backOff);
        handler.defaultFalse();
        handler.addRetryableExceptions(
                TransientDataAccessException.class,
                CannotCreateTransactionException.class,
                DataAccessResourceFailureException.class,
                ObjectOptimisticLockingFailureException.class);
        return handler;
    }
}
