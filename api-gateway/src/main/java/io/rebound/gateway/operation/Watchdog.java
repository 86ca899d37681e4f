package io.rebound.gateway.operation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Bounds every wait: an operation still open past its deadline becomes failed with {@code TIMED_OUT}. */
@Component
class Watchdog {

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    private static final int BATCH = 500;

    private final OperationService operations;

    Watchdog(OperationService operations) {
        this.operations = operations;
    }

    @Scheduled(fixedDelayString = "${rebound.gateway.watchdog-interval:5s}")
    void failOverdueOperations() {
        try {
            int failed = operations.failOverdue(BATCH);
            if (failed > 0) {
                log.warn("watchdog failed {} operations past their deadline with TIMED_OUT", failed);
            }
        } catch (RuntimeException e) {
            log.warn("watchdog run failed, next run retries: {}", e.toString());
        }
    }
}
