package io.rebound.gateway.session;

import io.rebound.gateway.web.Problems;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A model answer was asked for a message that is not a question of the session. */
public class QuestionNotFoundException extends ErrorResponseException {

    public QuestionNotFoundException(UUID sessionId, UUID questionId) {
        super(
                HttpStatus.NOT_FOUND,
                Problems.of(
                        HttpStatus.NOT_FOUND,
                        "QUESTION_NOT_FOUND",
                        "Session " + sessionId + " has no question " + questionId + "."),
                null);
    }
}
