package io.rebound.worker.retry;

import io.rebound.common.Causes;
import io.rebound.common.Topics;
import io.rebound.worker.NonBlockingRetryMode;
import io.rebound.worker.WorkerProperties;
import io.rebound.worker.status.StatusPublisher;
import org.apache.kafka.common.TopicPartition;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The retry policy and the publishers that end an attempt, shared by both retry modes: the {@link ExponentialBackOff},
 * the {@link DeadLetterPublishingRecoverer} to {@code operations.requested-dlt}, and in the non-blocking mode a second
 * one that forwards a record to {@code operations.requested-retry} with its due time, as spring-kafka's retry topics do.
 */
@Configuration(proxyBeanMethods = false)
public class RetryConfig {

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
    RetryDelays retryDelays(ExponentialBackOff operationBackOff, WorkerProperties properties) {
        return new RetryDelays(operationBackOff, properties.retry());
    }

    @Bean
    AttemptReporter attemptReporter(
            StatusPublisher status,
            RetryMetrics metrics,
            WorkerProperties properties,
            ObjectProvider<OpenAiChatProperties> chatProperties) {
        OpenAiChatProperties chat = chatProperties.getIfAvailable();
        return new AttemptReporter(status, metrics, properties.retry(), chat == null ? null : chat.getTimeout());
    }

    /** A dead letter keeps its partition, whether it comes from the source topic or from the retry topic. */
    @Bean
    DeadLetterRecoverer deadLetterRecoverer(
            KafkaTemplate<Object, Object> kafka,
            AttemptReporter reporter,
            RetryMetrics metrics,
            FailureClassifier classifier,
            WorkerProperties properties) {
        WorkerProperties.Retry retry = properties.retry();
        DeadLetterPublishingRecoverer publisher = publisher(kafka, Topics.OPERATIONS_REQUESTED_DLT);
        publisher.setHeadersFunction((record, exception) -> DeadLetterHeaders.forFailure(classifier, exception, retry));
        return new DeadLetterRecoverer(publisher, reporter, metrics, classifier);
    }

    @Bean
    @Conditional(NonBlockingRetryMode.class)
    DeadLetterPublishingRecoverer retryPublisher(
            KafkaTemplate<Object, Object> kafka, FailureClassifier classifier, WorkerProperties properties) {
        WorkerProperties.Retry retry = properties.retry();
        DeadLetterPublishingRecoverer publisher = publisher(kafka, Topics.OPERATIONS_REQUESTED_RETRY);
        publisher.setHeadersFunction((record, exception) -> {
            ScheduledRetry scheduled = Causes.find(exception, ScheduledRetry.class);
            return DeadLetterHeaders.forRetry(
                    DeadLetterHeaders.forFailure(classifier, exception, retry),
                    scheduled.failure().attempt() + 1,
                    scheduled.dueAt().toEpochMilli());
        });
        return publisher;
    }

    private static DeadLetterPublishingRecoverer publisher(KafkaTemplate<Object, Object> kafka, String topic) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(
                kafka, (record, exception) -> new TopicPartition(topic, record.partition()));
        // Both replaced by bounded ones (DeadLetterHeaders), so that a dead letter always fits its topic.
        publisher.excludeHeader(
                DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE,
                DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_MSG);
        // By default the recoverer first asks the consumer for the target's partitions. That metadata request queues on
        // the consumer's connection behind its parked fetch (fetch.max.wait.ms, 500 ms), which delayed one failure in
        // four by up to 500 ms (make bench P4). Every target is declared with the source's partition count.
        publisher.setVerifyPartition(false);
        // A dead letter that went through the retry topic still names operations.requested as its original topic.
        publisher.setAppendOriginalHeaders(false);
        return publisher;
    }

    /**
     * Blocking mode: the {@link ExponentialBackOff} between attempts, slept on the consumer thread, then the dead
     * letter. Non-blocking mode: the listener settles every record itself, so this only dead-letters what fails
     * outside of it, at once.
     */
    @Bean
    DefaultErrorHandler operationErrorHandler(
            DeadLetterRecoverer deadLetterRecoverer,
            AttemptReporter reporter,
            RetryMetrics metrics,
            ExponentialBackOff operationBackOff,
            WorkerProperties properties) {
        WorkerProperties.Retry retry = properties.retry();
        DefaultErrorHandler handler = retry.mode() == WorkerProperties.RetryMode.BLOCKING
                ? new DefaultErrorHandler(
                        deadLetterRecoverer,
                        operationBackOff,
                        new AttemptBackOffHandler(reporter, metrics, retry.retryAfterCap()))
                : new DefaultErrorHandler(deadLetterRecoverer, new FixedBackOff(0, 0));
        if (retry.mode() == WorkerProperties.RetryMode.NON_BLOCKING) {
            // The listeners' window commits; a commit after handling would go past records still running.
            handler.setAckAfterHandle(false);
        }
        handler.defaultFalse();
        handler.addRetryableExceptions(AiCallFailure.Transient.class, StatusPublisher.StatusPublishException.class);
        handler.setRetryListeners(new AttemptRetryListener());
        handler.setCommitRecovered(true);
        return handler;
    }
}
