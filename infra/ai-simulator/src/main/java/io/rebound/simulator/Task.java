package io.rebound.simulator;

import java.util.regex.Pattern;

/**
 * What a chat prompt asks the simulated interviewer for, read from the prompt as a model would read it. Each task is
 * recognised by its own marks, checked from the most specific: a candidate's answer to assess, a request for a model
 * answer to a question, a request for an interview question (or a bare role to ask one for). A prompt with none of them is {@link #UNRECOGNISED}: the
 * simulator says so in its answer and its request log instead of passing it off as one of the others.
 */
enum Task {
    FEEDBACK("feedback"),
    MODEL_ANSWER("model_answer"),
    QUESTION("question"),
    UNRECOGNISED("unrecognised");

    private static final Pattern MODEL_ANSWER_ASKED = Pattern.compile("(?i)\\b(model|exemplary|sample) answer\\b");
    private static final Pattern QUESTION_ASKED = Pattern.compile("(?i)\\bquestion\\b");

    private final String logName;

    Task(String logName) {
        this.logName = logName;
    }

    /** The name the request log gives it ({@code GET /admin/requests}). */
    String logName() {
        return logName;
    }

    static Task of(String prompt) {
        if (FeedbackWriter.isFeedbackPrompt(prompt)) {
            return FEEDBACK;
        }
        if (MODEL_ANSWER_ASKED.matcher(prompt).find() && FeedbackWriter.questionOf(prompt) != null) {
            return MODEL_ANSWER;
        }
        if (QUESTION_ASKED.matcher(prompt).find() || QuestionBank.roleOf(prompt) != null) {
            return QUESTION;
        }
        return UNRECOGNISED;
    }
}
