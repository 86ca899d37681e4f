package io.rebound.gateway.session;

import io.rebound.common.OperationType;
import io.rebound.gateway.operation.Operation;
import io.rebound.gateway.operation.OperationChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Stores an operation's result as a message of its session, once, in the transaction that recorded it. */
@Component
class SessionResults {

    private final SessionMessageRepository messages;

    SessionResults(SessionMessageRepository messages) {
        this.messages = messages;
    }

    @EventListener
    void onOperationChanged(OperationChanged changed) {
        Operation operation = changed.operation();
        if (!changed.resultRecorded()
                || operation.getSessionId() == null
                || messages.existsByOperationId(operation.getId())) {
            return;
        }
        SessionMessage.Kind kind = operation.getType() == OperationType.QUESTION_GENERATION
                ? SessionMessage.Kind.QUESTION
                : SessionMessage.Kind.FEEDBACK;
        messages.save(new SessionMessage(
                operation.getSessionId(), kind, operation.getResult(), operation.getId(), operation.getMessageId()));
    }
}
