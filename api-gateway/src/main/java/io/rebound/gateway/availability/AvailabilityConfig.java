package io.rebound.gateway.availability;

import io.rebound.common.Topics;
import io.rebound.gateway.GatewayProperties;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
class AvailabilityConfig {

    @Bean
    AiAvailability aiAvailability(AvailabilityProperties properties) {
        return new AiAvailability(Clock.systemUTC(), properties);
    }

    /** As the worker declares it: a trickle, one partition keeps it in one order. Either side may start first. */
    @Bean
    NewTopic gatewayWorkerEventsTopic(GatewayProperties properties) {
        return TopicBuilder.name(Topics.WORKER_EVENTS)
                .partitions(1)
                .replicas(properties.replicationFactor())
                .build();
    }
}
