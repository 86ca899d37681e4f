package io.rebound.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.backoff.ExponentialBackOff;

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
 * @param recovery how the gateway waits out Kafka and PostgreSQL outages
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
        @DefaultValue("14d") Duration deadLetterRetention,
        @DefaultValue Recovery recovery) {

    /**
     * The gateway's own retries, named and configured together under {@code rebound.gateway.recovery}: each doubles
     * from its initial to its max interval and goes on until the outage ends (nothing is given up: an event stays in
     * the outbox, a status record's offset is not committed).
     *
     * @param consumerInitialInterval status and dead-letter consumers, when writing a record fails (PostgreSQL is down)
     * @param consumerMaxInterval their longest wait between tries
     * @param relayInitialInterval the outbox relay, when Kafka does not take a batch
     * @param relayMaxInterval its longest wait between tries
     * @param notificationsReconnect the live-update listener, between tries to reconnect to PostgreSQL
     */
    public record Recovery(
            @DefaultValue("500ms") Duration consumerInitialInterval,
            @DefaultValue("10s") Duration consumerMaxInterval,
            @DefaultValue("250ms") Duration relayInitialInterval,
            @DefaultValue("5s") Duration relayMaxInterval,
            @DefaultValue("2s") Duration notificationsReconnect) {

        public ExponentialBackOff consumerBackOff() {
            return backOff(consumerInitialInterval, consumerMaxInterval);
        }

        public ExponentialBackOff relayBackOff() {
            return backOff(relayInitialInterval, relayMaxInterval);
        }

        private static ExponentialBackOff backOff(Duration initial, Duration max) {
            ExponentialBackOff backOff = new ExponentialBackOff(initial.toMillis(), 2.0);
            backOff.setMaxInterval(max.toMillis());
            return backOff;
        }
    }
}
