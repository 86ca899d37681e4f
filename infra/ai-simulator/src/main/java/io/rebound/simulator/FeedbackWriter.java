package io.rebound.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes plausible interview feedback on the answer in the prompt's {@code <candidate_answer>} tag (or after
 * {@code Candidate answer:}). It is rule based but
 * reacts to the answer (quotes it, comments on its length and on what it contains) so that callers can check that the
 * feedback they stored really belongs to the answer they sent.
 */
final class FeedbackWriter {

    // Rebound's worker puts what users typed between tags; a prompt of labelled lines is read too.
    private static final Pattern ANSWER_TAG = Pattern.compile("(?is)<candidate_answer>(.*?)</candidate_answer>");
    private static final Pattern QUESTION_TAG = Pattern.compile("(?is)<question>(.*?)</question>");
    private static final Pattern ANSWER_LABEL = Pattern.compile("(?i)candidate answer:[ \\t]*");
    private static final Pattern QUESTION_LINE = Pattern.compile("(?im)^[ \\t]*question:[ \\t]*(\\S[^\\r\\n]*)");
    // A line like "Instructions: ..." after the answer belongs to the prompt, not to the answer.
    private static final Pattern NEXT_LABEL = Pattern.compile(
            "(?im)^[ \\t]*(question|role|seniority|level|instructions?|task|format|rubric|context|output|feedback)[ \\t]*:");
    private static final Pattern EXAMPLE = Pattern.compile(
            "(?i)\\b(for example|for instance|e\\.g\\.|when i|at my (last|previous|current)|in my (last|previous|current)"
                    + "|we had|i led|i built|i worked|i designed|i fixed|one time|last year)\\b");
    private static final Pattern TRADE_OFF =
            Pattern.compile("(?i)\\b(trade-?offs?|however|but|instead|downside|versus|vs|on the other hand|cost)\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d");
    private static final int SHORT_WORDS = 25;
    private static final int LONG_WORDS = 250;
    private static final int QUOTED_WORDS = 8;

    static boolean isFeedbackPrompt(String prompt) {
        return ANSWER_TAG.matcher(prompt).find() || ANSWER_LABEL.matcher(prompt).find();
    }

    static String answerOf(String prompt) {
        Matcher tag = ANSWER_TAG.matcher(prompt);
        if (tag.find()) {
            return tag.group(1).strip();
        }
        Matcher label = ANSWER_LABEL.matcher(prompt);
        if (!label.find()) {
            return "";
        }
        String rest = prompt.substring(label.end());
        Matcher next = NEXT_LABEL.matcher(rest);
        return (next.find() ? rest.substring(0, next.start()) : rest).strip();
    }

    static String questionOf(String prompt) {
        Matcher tag = QUESTION_TAG.matcher(prompt);
        if (tag.find()) {
            return tag.group(1).strip();
        }
        Matcher question = QUESTION_LINE.matcher(prompt);
        return question.find() ? question.group(1).strip() : null;
    }

    String write(String prompt) {
        String answer = answerOf(prompt);
        String question = questionOf(prompt);
        List<String> words = Arrays.stream(answer.split("\\s+"))
                .filter(word -> !word.isEmpty())
                .toList();
        if (words.isEmpty()) {
            return "No answer was given" + onQuestion(question) + ". Even a short attempt scores better than silence: "
                    + "state the approach you would take, then back it with one concrete example from your experience. "
                    + "Next time, outline your thinking in two or three sentences before going into detail.";
        }
        boolean example = EXAMPLE.matcher(answer).find();
        boolean tradeOff = TRADE_OFF.matcher(answer).find();
        boolean numbers = NUMBER.matcher(answer).find();
        return String.join(
                " ",
                strength(question, quote(words), example, numbers),
                length(words.size(), example),
                gap(example, tradeOff, numbers),
                suggestion(words.size(), question));
    }

    private static String strength(String question, String quote, boolean example, boolean numbers) {
        String why = numbers
                ? "backing it with concrete figures makes it credible"
                : example ? "grounding it in a real situation makes it credible" : "you went straight at the question";
        return "What was good" + onQuestion(question) + ": you opened with \"" + quote + "\", and " + why + ".";
    }

    private static String length(int wordCount, boolean example) {
        if (wordCount < SHORT_WORDS) {
            return "At " + wordCount + " words the answer is very short; add more detail"
                    + (example
                            ? " about the steps you took and how it turned out."
                            : " and at least one concrete example from your own work.");
        }
        if (wordCount > LONG_WORDS) {
            return "At " + wordCount + " words it runs long; lead with the key point and trim the background.";
        }
        return "The length (" + wordCount + " words) is about right for a spoken answer.";
    }

    private static String gap(boolean example, boolean tradeOff, boolean numbers) {
        if (!example) {
            return "What is missing is a concrete example: a specific situation, what you did, and how it turned out.";
        }
        if (!tradeOff) {
            return "What is missing is the trade-offs: what else you considered and why you chose this way.";
        }
        if (!numbers) {
            return "What is missing is a measurable result: put a number on the outcome.";
        }
        return "What is missing is a short reflection on what you would do differently next time.";
    }

    private static String suggestion(int wordCount, String question) {
        String shape = wordCount < SHORT_WORDS
                ? "expand it into situation, task, action and result"
                : "keep the situation and task to one sentence each and spend most of the time on your actions and the"
                        + " result";
        return "Suggestion: " + shape + ", then close by tying the result back to the question"
                + (question == null ? "" : " (\"" + excerpt(question, 80) + "\")") + ".";
    }

    private static String onQuestion(String question) {
        return question == null ? "" : " on \"" + excerpt(question, 80) + "\"";
    }

    private static String quote(List<String> words) {
        String quoted = String.join(" ", words.subList(0, Math.min(QUOTED_WORDS, words.size())));
        return words.size() > QUOTED_WORDS ? quoted + "..." : quoted;
    }

    private static String excerpt(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
