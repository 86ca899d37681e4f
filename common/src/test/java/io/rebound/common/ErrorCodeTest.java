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
            for (OperationType type : OperationType.values()) {
                assertThat(code.userMessage(type, 4)).matches("[A-Z].+\\. What to do: .+\\.");
            }
        }
    }

    @Test
    void theAttemptsInTheTextAreTheOperationsOwn() {
        assertThat(ErrorCode.AI_UNAVAILABLE.userMessage(OperationType.QUESTION_GENERATION, 6))
                .startsWith("The AI service kept failing after 6 attempts.");
        assertThat(ErrorCode.AI_TIMEOUT.userMessage(OperationType.FEEDBACK_ANALYSIS, 1))
                .startsWith("The AI service did not answer in time after 1 attempt.");
    }

    @Test
    void withoutAKnownNumberOfAttemptsTheTextStatesNone() {
        assertThat(ErrorCode.AI_UNAVAILABLE.userMessage(OperationType.QUESTION_GENERATION, 0))
                .startsWith("The AI service kept failing. What to do: ");
        assertThat(ErrorCode.AI_TIMEOUT.userMessage(OperationType.FEEDBACK_ANALYSIS, 0))
                .startsWith("The AI service did not answer in time. What to do: ");
    }

    @Test
    void aTextThatSaysRetryingWillNotHelpNeverComesWithRetry() {
        for (ErrorCode code : ErrorCode.values()) {
            for (OperationType type : OperationType.values()) {
                String text = code.userMessage(type, 4);
                assertThat(text.contains("press Retry"))
                        .as(text)
                        .isEqualTo(code.nextAction().retryHelps());
                assertThat(text.contains("contact support with the operation id"))
                        .as(text)
                        .isEqualTo(code.contactSupport());
            }
        }
    }

    @Test
    void aRefusedQuestionDoesNotAskToRephraseAnAnswer() {
        assertThat(ErrorCode.AI_REJECTED.userMessage(OperationType.QUESTION_GENERATION, 1))
                .doesNotContain("answer")
                .contains("role");
        assertThat(ErrorCode.AI_REJECTED.userMessage(OperationType.FEEDBACK_ANALYSIS, 1))
                .contains("answer the question again in other words");
        assertThat(ErrorCode.AI_REJECTED.nextAction()).isEqualTo(NextAction.REPHRASE);
    }
}
