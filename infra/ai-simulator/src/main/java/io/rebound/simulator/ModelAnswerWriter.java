package io.rebound.simulator;

import java.util.Locale;

/**
 * Writes an exemplary answer to the question in the prompt's {@code <question>} tag (or {@code Question:} line), in the
 * shape interviewers reward: the approach first, then a concrete example with a measured result, then the trade-off.
 * It quotes the question and names the role, so callers can check that the answer they stored belongs to the question
 * they sent.
 */
final class ModelAnswerWriter {

    String write(String prompt) {
        String question = FeedbackWriter.questionOf(prompt);
        String role = QuestionBank.roleOf(prompt);
        String asked = question == null ? "this question" : "\"" + excerpt(question, 120) + "\"";
        String as = role == null ? "" : " as a " + role.toLowerCase(Locale.ROOT);
        return "To answer " + asked + as + ", I would start with the principle: make the goal explicit, pick the"
                + " simplest approach that meets it, and measure before and after. For example, in my last role we"
                + " faced exactly this; I wrote down what success meant, tried the approach on one service first,"
                + " and it cut our error rate from 2 % to 0.3 % within two weeks. The trade-off was extra work up"
                + " front, which I accepted because it made every later change cheaper. Next time I would involve the"
                + " on-call team earlier, since they see the failures first.";
    }

    private static String excerpt(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
