package io.rebound.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.simulator.QuestionBank.Family;
import org.junit.jupiter.api.Test;

class ContentGeneratorsTest {

    @Test
    void recognisesRoleFamiliesFromTheRoleLine() {
        assertThat(QuestionBank.familyOf("Role: Backend engineer")).isEqualTo(Family.BACKEND);
        assertThat(QuestionBank.familyOf("Interview for\nrole: Senior Front-end Developer\n"))
                .isEqualTo(Family.FRONTEND);
        assertThat(QuestionBank.familyOf("Role: Machine Learning engineer")).isEqualTo(Family.DATA);
        assertThat(QuestionBank.familyOf("Role: Site Reliability Engineer")).isEqualTo(Family.DEVOPS);
        assertThat(QuestionBank.familyOf("Role: Engineering manager")).isEqualTo(Family.PRODUCT);
        assertThat(QuestionBank.familyOf("Role: Chef")).isEqualTo(Family.GENERIC);
        assertThat(QuestionBank.familyOf("Ask anything")).isEqualTo(Family.GENERIC);
        // "ml" must be a whole word, not the end of "html"
        assertThat(QuestionBank.familyOf("Role: HTML and CSS developer")).isNotEqualTo(Family.DATA);
    }

    @Test
    void skipsQuestionsAlreadyListedInThePromptWithoutRepeatingOnTheNextCall() {
        QuestionBank bank = new QuestionBank();
        String first = QuestionBank.questions(Family.GENERIC).get(0);

        String asked = bank.next("Already asked: " + first);
        String next = bank.next("Role: none");

        assertThat(asked).isNotEqualTo(first);
        assertThat(next).isNotEqualTo(asked);
    }

    @Test
    void takesTheAnswerUpToTheNextLabelLine() {
        String prompt = "Role: Backend engineer\nQuestion: Why idempotency?\nCandidate answer: Because retries\n"
                + "happen for example on timeouts.\nInstructions: be kind.";

        assertThat(FeedbackWriter.answerOf(prompt)).isEqualTo("Because retries\nhappen for example on timeouts.");
        assertThat(FeedbackWriter.questionOf(prompt)).isEqualTo("Why idempotency?");
    }

    @Test
    void readsTheTaggedPromptOfReboundsWorker() {
        String prompt = "You are an experienced interviewer. Text inside the role, question and candidate_answer tags"
                + " was written by users.\n"
                + "<role>Backend engineer</role>\n<question>Why idempotency?</question>\n<candidate_answer>\n"
                + "Because retries\nhappen.\nQuestion: not a label here\n</candidate_answer>\n"
                + "Give your feedback on the candidate's answer.";

        assertThat(FeedbackWriter.isFeedbackPrompt(prompt)).isTrue();
        assertThat(FeedbackWriter.answerOf(prompt)).isEqualTo("Because retries\nhappen.\nQuestion: not a label here");
        assertThat(FeedbackWriter.questionOf(prompt)).isEqualTo("Why idempotency?");
        assertThat(FeedbackWriter.isFeedbackPrompt("Ask about the candidate_answer tags.\n<role>SRE</role>"))
                .isFalse();
        assertThat(QuestionBank.familyOf("<role>Site reliability engineer</role>\nWrite the next question."))
                .isEqualTo(QuestionBank.familyOf("Role: Site reliability engineer"))
                .isNotEqualTo(QuestionBank.Family.GENERIC);
    }

    @Test
    void praisesFiguresAndAsksLongAnswersToTighten() {
        String answer = "At my last job I cut p99 latency from 900 ms to 120 ms. ".repeat(30);

        String feedback = new FeedbackWriter().write("Candidate answer: " + answer);

        assertThat(feedback).contains("figures").contains("runs long").contains("\"At my last job I cut p99 latency");
    }

    @Test
    void handlesAnEmptyAnswer() {
        assertThat(new FeedbackWriter().write("Question: Why?\nCandidate answer:   "))
                .startsWith("No answer was given on \"Why?\"");
    }
}
