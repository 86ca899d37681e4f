package io.rebound.worker.operation;

import io.rebound.common.OperationRequested;
import io.rebound.worker.breaker.ProviderProbe;
import io.rebound.worker.retry.ContentRefusedException;
import java.time.Duration;
import java.util.List;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatProperties;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.stereotype.Component;

/**
 * Calls the chat model for one operation, or for a probe of the circuit breaker. Errors of the provider's SDK propagate
 * unchanged for classification.
 */
@Component
public class AiClient implements ProviderProbe {

    private final ChatModel chatModel;
    private final PromptBuilder prompts;
    private final ChatOptions options;

    AiClient(ChatModel chatModel, PromptBuilder prompts, OpenAiChatProperties chatProperties) {
        this.chatModel = chatModel;
        this.prompts = prompts;
        this.options = withTimeout(chatModel.getDefaultOptions(), chatProperties.getTimeout());
    }

    public String generate(OperationRequested request) {
        ChatResponse response = chatModel.call(withOptions(prompts.build(request)));
        String text = response.getResult() == null
                ? null
                : response.getResult().getOutput().getText();
        if (text == null || text.isBlank()) {
            throw new ContentRefusedException("the model returned no content (refusal or empty answer)");
        }
        return text.strip();
    }

    /** Same model, options and timeout as an operation. What the model answers does not matter, only that it does. */
    @Override
    public void probe(String prompt) {
        chatModel.call(withOptions(new Prompt(List.of(new UserMessage(prompt)))));
    }

    private Prompt withOptions(Prompt prompt) {
        return options == null ? prompt : prompt.mutate().chatOptions(options).build();
    }

    /**
     * Spring AI 2.0.1 sends its default chat options' timeout with every request, and that per-request timeout
     * overrides the client's {@code spring.ai.openai[.chat].timeout}. No property reaches it, so it is always 60 s. The
     * default options with the configured timeout, set on each prompt, make {@code AI_TIMEOUT} the real limit.
     */
    private static ChatOptions withTimeout(ChatOptions defaults, Duration timeout) {
        if (defaults instanceof OpenAiChatOptions openAi && timeout != null) {
            return openAi.mutate().timeout(timeout).build();
        }
        return null;
    }
}
