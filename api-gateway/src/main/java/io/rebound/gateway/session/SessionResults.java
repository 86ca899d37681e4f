package io.rebound.gateway.session;

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
        // The result replies to the message the operation works on: feedback to its answer, a model answer to its
        // question (a question works on none).
        messages.save(new SessionMessage(
                operation.getSessionId(),
                SessionMessage.Kind.resultOf(operation.getType()),
                operation.getResult(),
                operation.getId(),
                operation.getMessageId()));
    }
}
