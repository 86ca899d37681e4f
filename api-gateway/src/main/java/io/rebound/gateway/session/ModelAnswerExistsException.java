package io.rebound.gateway.session;

import io.rebound.gateway.web.Problems;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A question gets one model answer; the first request for it, or its retry, is the one to follow. */
public class ModelAnswerExistsException extends ErrorResponseException {

    public ModelAnswerExistsException(UUID questionId, UUID operationId) {
        super(HttpStatus.CONFLICT, problem(questionId, operationId), null);
    }

    private static ProblemDetail problem(UUID questionId, UUID operationId) {
        ProblemDetail problem = Problems.of(
                HttpStatus.CONFLICT,
                "MODEL_ANSWER_EXISTS",
                "A model answer to question " + questionId + " was already asked for (operation " + operationId
                        + "); if it failed, retry that operation.");
        problem.setProperty("operation_id", operationId);
        return problem;
    }
}
