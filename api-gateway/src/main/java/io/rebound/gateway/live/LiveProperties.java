package io.rebound.gateway.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the event streams ({@code GET /api/v1/sessions/{id}/events}).
 *
 * @param maxStreamsPerUser streams one user may hold open at once (each tab showing a session holds one); one more
 *     ends the user's oldest
 * @param queueCapacity events waiting to be written to one stream; a stream whose client does not read them fills its
 *     queue and is dropped (its client reconnects with {@code Last-Event-ID} and misses nothing)
 * @param senders threads that write events to the streams, so that a slow stream delays only itself; a client that
 *     stops reading holds one until its queue is full and the socket write times out (Tomcat's connection timeout)
 * @param heartbeat how often every stream gets a heartbeat event, on a thread of its own
 */
@ConfigurationProperties("rebound.live")
public record LiveProperties(
        @DefaultValue("10") int maxStreamsPerUser,
        @DefaultValue("64") int queueCapacity,
        @DefaultValue("16") int senders,
        @DefaultValue("15s") Duration heartbeat) {

    public LiveProperties {
        if (maxStreamsPerUser < 1 || queueCapacity < 1 || senders < 1) {
            throw new IllegalArgumentException(
                    "rebound.live.max-streams-per-user, queue-capacity and senders must be at least 1");
        }
        if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("rebound.live.heartbeat must be positive");
        }
    }
}
