package io.rebound.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestLogTest {

    @Test
    void keepsOnlyTheLatestRequestsButCountsThemAll() {
        RequestLog log = new RequestLog();
        for (int i = 0; i < RequestLog.RECENT_LIMIT + 5; i++) {
            log.arrived().describe("question", "prompt " + i);
        }

        RequestStats stats = log.snapshot();

        assertThat(stats.total()).isEqualTo(RequestLog.RECENT_LIMIT + 5);
        assertThat(stats.recent()).hasSize(RequestLog.RECENT_LIMIT);
        assertThat(stats.recent().get(0).promptExcerpt()).isEqualTo("prompt 5");
    }

    @Test
    void keepsCountingTextsOfUsedUpRulesUntilResetAndTracksActiveRulesAfterIt() {
        RequestLog log = new RequestLog();
        log.track("used-up");
        log.track("active");
        log.countPrompt("used-up and active");

        assertThat(log.snapshot().byRule()).containsEntry("used-up", 1L).containsEntry("active", 1L);

        log.reset(List.of("active"));
        log.countPrompt("used-up and active");

        assertThat(log.snapshot().byRule()).containsOnlyKeys("active").containsEntry("active", 1L);
    }
}
