package io.rebound.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything that tunes the gateway, under {@code rebound.gateway}.
 *
 * @param partitions partitions of the topics the gateway creates (same as the worker's)
 * @param operationDeadline how long an operation may stay pending or processing before the watchdog fails it with
 *     {@code TIMED_OUT}; well above 4 AI timeouts plus the 7 s of back-off
 * @param outboxPollInterval how often the relay looks for unpublished events when nothing woke it
 * @param outboxBatchSize events published per relay transaction
 * @param outboxRetention how long published outbox rows are kept for inspection
 * @param maxRetryChain how many manual retries one original operation may have
 * @param deadLetterRetention how long Kafka keeps dead letters; the topic is their durable record
 */
@ConfigurationProperties("rebound.gateway")
public record GatewayProperties(
        @DefaultValue("12") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("5m") Duration operationDeadline,
        @DefaultValue("500ms") Duration outboxPollInterval,
        @DefaultValue("200") int outboxBatchSize,
        @DefaultValue("1h") Duration outboxRetention,
        @DefaultValue("10") int maxRetryChain,
        @DefaultValue("14d") Duration deadLetterRetention) {}
