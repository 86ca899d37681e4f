package io.rebound.worker.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.prompt.Prompt;

class PromptBuilderTest {

    private final PromptBuilder prompts = new PromptBuilder();

    @Test
    void aQuestionPromptNamesTheRole() {
        Prompt prompt =
                prompts.build(request(OperationType.QUESTION_GENERATION, Map.of("role", "Site reliability engineer")));

        assertThat(prompt.getSystemMessage().getText()).contains("interview question");
        assertThat(prompt.getUserMessage().getText()).startsWith("Role: Site reliability engineer\n");
    }

    @Test
    void aFeedbackPromptCarriesTheQuestionAndTheCandidateAnswer() {
        Prompt prompt = prompts.build(request(
                OperationType.FEEDBACK_ANALYSIS,
                Map.of(
                        "role", "Data engineer",
                        "question", "How do you make a Kafka consumer idempotent?",
                        "answer", "I key every write by the operation id.")));

        assertThat(prompt.getInstructions())
                .extracting(message -> message.getMessageType())
                .containsExactly(MessageType.SYSTEM, MessageType.USER);
        assertThat(prompt.getUserMessage().getText())
                .contains("Role: Data engineer")
                .contains("Question: How do you make a Kafka consumer idempotent?")
                .contains("Candidate answer: I key every write by the operation id.");
    }

    @Test
    void aHugeAnswerIsTruncated() {
        String answer = "a".repeat(PromptBuilder.MAX_ANSWER_CHARS) + "TAIL-THAT-MUST-NOT-BE-SENT";

        Prompt prompt = prompts.build(request(
                OperationType.FEEDBACK_ANALYSIS, Map.of("role", "Tester", "question", "Why?", "answer", answer)));

        String text = prompt.getUserMessage().getText();
        assertThat(text).doesNotContain("TAIL-THAT-MUST-NOT-BE-SENT").endsWith(" [...]");
        assertThat(text.substring(text.indexOf("Candidate answer: ") + "Candidate answer: ".length()))
                .hasSize(PromptBuilder.MAX_ANSWER_CHARS + " [...]".length());
    }

    @Test
    void anAnswerAtTheLimitIsSentWhole() {
        String answer = "b".repeat(PromptBuilder.MAX_ANSWER_CHARS);

        Prompt prompt = prompts.build(request(
                OperationType.FEEDBACK_ANALYSIS, Map.of("role", "Tester", "question", "Why?", "answer", answer)));

        assertThat(prompt.getUserMessage().getText()).endsWith("Candidate answer: " + answer);
    }

    private static OperationRequested request(OperationType type, Map<String, String> parameters) {
        return new OperationRequested(
                OperationRequested.SCHEMA_VERSION,
                UUID.randomUUID(),
                type,
                parameters,
                null,
                null,
                null,
                0,
                "unit-test",
                OperationSource.API,
                Instant.now());
    }
}
