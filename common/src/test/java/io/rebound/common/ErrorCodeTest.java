package io.rebound.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void everyCodeDescribesAFailedAttemptInFixedWordsWithItsHttpStatus() {
        assertThat(ErrorCode.AI_UNAVAILABLE.attemptMessage(503)).isEqualTo("The AI service was unavailable (HTTP 503)");
        assertThat(ErrorCode.AI_TIMEOUT.attemptMessage(null)).isEqualTo("The AI service did not answer in time");
        assertThat(ErrorCode.AI_RATE_LIMITED.attemptMessage(429))
                .isEqualTo("The AI service was receiving too many requests (HTTP 429)");
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.attemptMessage(null)).isNotBlank().doesNotContain("What to do");
        }
    }

    @Test
    void everyUserMessageSaysWhatHappenedAndWhatToDo() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.userMessage()).matches("[A-Z].+\\. What to do: .+\\.");
        }
    }
}
