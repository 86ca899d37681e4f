package io.rebound.worker.operation;

import io.rebound.common.OperationRequested;
import java.util.List;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.stereotype.Component;

/** Turns an operation request into the chat prompt for the model. */
@Component
public class PromptBuilder {

    static final int MAX_ANSWER_CHARS = 8_000;

    public Prompt build(OperationRequested request) {
        List<Message> messages = switch (request.operationType()) {
            case QUESTION_GENERATION ->
                List.of(
                        new SystemMessage("You are an experienced interviewer. Ask exactly one interview question, "
                                + "with no preamble and no answer."),
                        new UserMessage("Role: " + request.parameter("role") + "\n"
                                + "Write the next interview question for a candidate for this role."));
            case FEEDBACK_ANALYSIS ->
                List.of(
                        new SystemMessage("You are an experienced interviewer giving constructive feedback. Say "
                                + "what was good, what is missing and one concrete way to improve, in at most "
                                + "six sentences."),
                        new UserMessage("Role: " + request.parameter("role") + "\n"
                                + "Question: " + request.parameter("question") + "\n"
                                + "Candidate answer: " + truncate(request.parameter("answer"))));
        };
        return new Prompt(messages);
    }

    private static String truncate(String answer) {
        return answer.length() <= MAX_ANSWER_CHARS ? answer : answer.substring(0, MAX_ANSWER_CHARS) + " [...]";
    }
}
