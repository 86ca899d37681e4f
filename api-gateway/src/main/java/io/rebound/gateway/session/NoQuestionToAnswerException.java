package io.rebound.gateway.session;

/** An answer was posted to a session that has no question yet. */
public class NoQuestionToAnswerException extends RuntimeException {

    public NoQuestionToAnswerException() {
        super("This session has no question to answer yet. Ask for a question first.");
    }
}
