package io.rebound.worker.management;

import io.rebound.worker.retry.Classification;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The AI provider's configuration, as health ({@code aiProvider}) and readiness: once {@value #REJECTIONS} calls in a
 * row were refused with 401 or 403 (a wrong key, a wrong base URL, a model the key may not use) and none succeeded
 * since, the worker refuses traffic (readiness {@code OUT_OF_SERVICE}) and its health says "misconfigured" with the
 * reason, until a call succeeds. Every such operation is dead-lettered anyway; this says why, where an SRE or an
 * orchestrator looks first.
 */
@Component("aiProvider")
public class ProviderCredentialHealth implements HealthIndicator {

    static final int REJECTIONS = 3;

    private final ApplicationEventPublisher events;
    private final AtomicInteger rejectedInARow = new AtomicInteger();
    private volatile int lastStatus;

    ProviderCredentialHealth(ApplicationEventPublisher events) {
        this.events = events;
    }

    public void succeeded() {
        if (rejectedInARow.getAndSet(0) >= REJECTIONS) {
            AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
        }
    }

    public void failed(Classification failure) {
        Integer status = failure.httpStatus();
        if (status != null && (status == 401 || status == 403)) {
            lastStatus = status;
            if (rejectedInARow.incrementAndGet() == REJECTIONS) {
                AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
            }
        }
    }

    @Override
    public Health health() {
        int rejected = rejectedInARow.get();
        if (rejected < REJECTIONS) {
            return Health.up().build();
        }
        return Health.outOfService()
                .withDetail("provider", "misconfigured")
                .withDetail(
                        "reason",
                        "the AI provider refused the last " + rejected + " calls with HTTP " + lastStatus
                                + "; check AI_API_KEY, AI_BASE_URL and AI_MODEL")
                .build();
    }
}
