package io.rebound.worker.operation;

import io.rebound.common.OperationRequested;
import io.rebound.worker.retry.ContentRefusedException;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.stereotype.Component;

/** Calls the chat model for one operation. Errors of the provider's SDK propagate unchanged for classification. */
@Component
public class AiClient {

    private final ChatModel chatModel;
    private final PromptBuilder prompts;

    AiClient(ChatModel chatModel, PromptBuilder prompts) {
        this.chatModel = chatModel;
        this.prompts = prompts;
    }

    public String generate(OperationRequested request) {
        ChatResponse response = chatModel.call(prompts.build(request));
        String text = response.getResult() == null
                ? null
                : response.getResult().getOutput().getText();
        if (text == null || text.isBlank()) {
            throw new ContentRefusedException("the model returned no content (refusal or empty answer)");
        }
        return text.strip();
    }
}
