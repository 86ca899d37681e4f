package io.rebound.gateway.session;

import io.rebound.common.OperationType;
import io.rebound.gateway.operation.Operation;
import io.rebound.gateway.operation.OperationService;
import io.rebound.gateway.security.CurrentUser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Interview sessions and the AI operations asked for in them. Every read and write checks ownership. */
@Service
class SessionService {

    private final SessionRepository sessions;
    private final SessionMessageRepository messages;
    private final OperationService operations;

    SessionService(SessionRepository sessions, SessionMessageRepository messages, OperationService operations) {
        this.sessions = sessions;
        this.messages = messages;
        this.operations = operations;
    }

    record Answered(SessionMessage message, Operation operation) {}

    @Transactional
    InterviewSession create(CurrentUser user, String role) {
        return sessions.save(new InterviewSession(user.id(), role.strip()));
    }

    @Transactional(readOnly = true)
    List<InterviewSession> list(CurrentUser user) {
        return sessions.findByOwnerIdOrderByCreatedAtDesc(user.id());
    }

    @Transactional(readOnly = true)
    Map<UUID, Long> messageCounts(List<InterviewSession> list) {
        Map<UUID, Long> counts = new HashMap<>();
        messages.countBySession(list.stream().map(InterviewSession::getId).toList())
                .forEach(row -> counts.put((UUID) row[0], (Long) row[1]));
        return counts;
    }

    @Transactional(readOnly = true)
    InterviewSession get(CurrentUser user, UUID id) {
        return sessions.findByIdAndOwnerId(id, user.id()).orElseThrow(() -> new SessionNotFoundException(id));
    }

    @Transactional(readOnly = true)
    List<SessionMessage> messages(UUID sessionId) {
        return messages.findBySessionIdOrderByCreatedAt(sessionId);
    }

    /** One transaction: the operation row and its request event in the outbox. */
    @Transactional
    Operation askQuestion(CurrentUser user, UUID sessionId) {
        InterviewSession session = get(user, sessionId);
        return operations.request(
                OperationType.QUESTION_GENERATION,
                Map.of("role", session.getRole()),
                session.getId(),
                null,
                user.id(),
                user.email());
    }

    /** Stores the answer to the latest question and asks for feedback on it, in one transaction. */
    @Transactional
    Answered answer(CurrentUser user, UUID sessionId, String content) {
        InterviewSession session = get(user, sessionId);
        SessionMessage question = messages.findFirstBySessionIdAndKindOrderByCreatedAtDesc(
                        session.getId(), SessionMessage.Kind.QUESTION)
                .orElseThrow(NoQuestionToAnswerException::new);
        SessionMessage answer = messages.save(new SessionMessage(
                session.getId(), SessionMessage.Kind.ANSWER, content.strip(), null, question.getId()));
        Operation operation = operations.request(
                OperationType.FEEDBACK_ANALYSIS,
                Map.of("role", session.getRole(), "question", question.getContent(), "answer", answer.getContent()),
                session.getId(),
                answer.getId(),
                user.id(),
                user.email());
        return new Answered(answer, operation);
    }
}
