package io.rebound.gateway.session;

import io.rebound.gateway.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** An answer was posted to a session that has no question yet. */
public class NoQuestionToAnswerException extends ErrorResponseException {

    public NoQuestionToAnswerException() {
        super(
                HttpStatus.CONFLICT,
                Problems.of(
                        HttpStatus.CONFLICT,
                        "NO_QUESTION_TO_ANSWER",
                        "This session has no question to answer yet. Ask for a question first."),
                null);
    }
}
