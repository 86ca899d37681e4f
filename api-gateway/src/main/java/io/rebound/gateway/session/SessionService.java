package io.rebound.gateway.session;

import io.rebound.common.OperationStatus;
import io.rebound.common.OperationType;
import io.rebound.gateway.availability.AiAvailability;
import io.rebound.gateway.operation.Operation;
import io.rebound.gateway.operation.OperationService;
import io.rebound.gateway.operation.OperationView;
import io.rebound.gateway.security.CurrentUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Interview sessions and the AI operations asked for in them. Every read and write checks ownership. */
@Service
class SessionService {

    /** Newest first; the id orders sessions created at the same instant, so pages never overlap or skip. */
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

    /** Before and after any timestamp the database holds: the open ends of the oldest and newest windows. */
    private static final Instant BEGINNING = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant END = Instant.parse("9999-12-31T23:59:59Z");

    /** A retry chain is a handful of operations; this only stops a broken chain from looping. */
    private static final int MAX_CHAIN_LOOKUPS = 20;

    private static final List<OperationStatus> OPEN = List.of(OperationStatus.PENDING, OperationStatus.PROCESSING);

    private final SessionRepository sessions;
    private final SessionMessageRepository messages;
    private final SessionOperationRepository sessionOperations;
    private final OperationService operations;
    private final AiAvailability availability;

    SessionService(
            SessionRepository sessions,
            SessionMessageRepository messages,
            SessionOperationRepository sessionOperations,
            OperationService operations,
            AiAvailability availability) {
        this.sessions = sessions;
        this.messages = messages;
        this.sessionOperations = sessionOperations;
        this.operations = operations;
        this.availability = availability;
    }

    record Answered(SessionMessage message, Operation operation) {}

    /**
     * A window of a session's conversation: consecutive messages (oldest first), whether older ones exist, and the
     * operations that go with them (oldest first). Those are the operations created from the window's oldest message
     * on (from the session's start when nothing is older) up to the next newer window, the ones that made or work on
     * one of its messages, the retries they come from, and, in the newest window, every operation still running.
     * Windows next to each other may share an operation; clients merge them by id.
     */
    record Window(List<SessionMessage> messages, List<OperationView> operations, boolean hasOlder) {}

    @Transactional
    InterviewSession create(CurrentUser user, String role) {
        return sessions.save(new InterviewSession(user.id(), role.strip()));
    }

    /** One page of the user's sessions, newest first; only that page is read (plus a count). */
    @Transactional(readOnly = true)
    Page<InterviewSession> list(CurrentUser user, int page, int size) {
        return sessions.findByOwnerId(user.id(), PageRequest.of(page, size, NEWEST_FIRST));
    }

    @Transactional(readOnly = true)
    Map<UUID, Long> messageCounts(List<InterviewSession> list) {
        Map<UUID, Long> counts = new HashMap<>();
        messages.countBySession(list.stream().map(InterviewSession::getId).toList())
                .forEach(row -> counts.put((UUID) row[0], (Long) row[1]));
        return counts;
    }

    /** Per session: its requests that failed and were not retried, which the list shows beside the messages. */
    Map<UUID, Long> failedRequestCounts(List<InterviewSession> list) {
        return operations.unretriedFailures(
                list.stream().map(InterviewSession::getId).toList());
    }

    @Transactional(readOnly = true)
    InterviewSession get(CurrentUser user, UUID id) {
        return sessions.findByIdAndOwnerId(id, user.id()).orElseThrow(() -> new SessionNotFoundException(id));
    }

    /** The newest {@code limit} messages of a session (found with {@link #get}, so the user's), and their operations. */
    @Transactional(readOnly = true)
    Window newest(InterviewSession session, int limit) {
        UUID sessionId = session.getId();
        return window(sessionId, messages.findNewest(sessionId, Limit.of(limit + 1)), limit, END, OPEN);
    }

    /** Up to {@code limit} messages just older than message {@code beforeId} of the session, and their operations. */
    @Transactional(readOnly = true)
    Window before(InterviewSession session, UUID beforeId, int limit) {
        UUID sessionId = session.getId();
        SessionMessage before = messages.findByIdAndSessionId(beforeId, sessionId)
                .orElseThrow(() -> new InvalidParameterException(
                        "'before' is not the id of a message of session " + sessionId + "."));
        List<SessionMessage> newestFirst =
                messages.findBefore(sessionId, before.getCreatedAt(), before.getId(), Limit.of(limit + 1));
        return window(sessionId, newestFirst, limit, before.getCreatedAt(), List.of());
    }

    /** {@code newestFirst} holds up to {@code limit + 1} messages: one more than the window tells that there are older. */
    private Window window(
            UUID sessionId, List<SessionMessage> newestFirst, int limit, Instant to, List<OperationStatus> statuses) {
        boolean hasOlder = newestFirst.size() > limit;
        List<SessionMessage> shown = new ArrayList<>(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
        Collections.reverse(shown);
        Instant from = hasOlder ? shown.get(0).getCreatedAt() : BEGINNING;
        List<UUID> operationIds = shown.stream()
                .map(SessionMessage::getOperationId)
                .filter(Objects::nonNull)
                .toList();
        List<UUID> messageIds = shown.stream().map(SessionMessage::getId).toList();
        List<Operation> found =
                sessionOperations.findForWindow(sessionId, from, to, operationIds, messageIds, statuses);
        return new Window(shown, views(sessionId, withParents(sessionId, found)), hasOlder);
    }

    /** Adds the operations that {@code found} ones retry, so that each retry chain is whole. */
    private List<Operation> withParents(UUID sessionId, List<Operation> found) {
        Map<UUID, Operation> byId = new LinkedHashMap<>();
        found.forEach(o -> byId.put(o.getId(), o));
        for (int i = 0; i < MAX_CHAIN_LOOKUPS; i++) {
            Set<UUID> missing = byId.values().stream()
                    .map(Operation::getParentOperationId)
                    .filter(id -> id != null && !byId.containsKey(id))
                    .collect(Collectors.toSet());
            if (missing.isEmpty()) {
                break;
            }
            sessionOperations.findBySessionIdAndIdIn(sessionId, missing).forEach(o -> byId.put(o.getId(), o));
            if (missing.stream().noneMatch(byId::containsKey)) {
                break; // a parent in another session (or gone): nothing more to find
            }
        }
        return byId.values().stream()
                .sorted((a, b) -> a.getCreatedAt().compareTo(b.getCreatedAt()))
                .toList();
    }

    private List<OperationView> views(UUID sessionId, List<Operation> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        Map<UUID, UUID> retriedBy = new HashMap<>();
        sessionOperations
                .findRetriesOf(sessionId, list.stream().map(Operation::getId).toList())
                .forEach(row -> retriedBy.putIfAbsent((UUID) row[0], (UUID) row[1]));
        return list.stream()
                .map(o -> OperationView.of(o, retriedBy.get(o.getId()), availability))
                .toList();
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

    /**
     * Asks for a model answer to one of the session's questions: once per question (a failed one is retried like any
     * operation). The question stays open: the user may still answer it.
     */
    @Transactional
    Operation askModelAnswer(CurrentUser user, UUID sessionId, UUID questionId) {
        InterviewSession session = get(user, sessionId);
        SessionMessage question = messages.findByIdAndSessionId(questionId, session.getId())
                .filter(message -> message.getKind() == SessionMessage.Kind.QUESTION)
                .orElseThrow(() -> new QuestionNotFoundException(session.getId(), questionId));
        modelAnswerOf(session.getId(), question.getId()).ifPresent(existing -> {
            throw new ModelAnswerExistsException(question.getId(), existing.getId());
        });
        return operations.request(
                OperationType.MODEL_ANSWER,
                Map.of("role", session.getRole(), "question", question.getContent()),
                session.getId(),
                question.getId(),
                user.id(),
                user.email());
    }

    /** The first model answer asked for on a question of the session, if any. */
    @Transactional(readOnly = true)
    Optional<Operation> modelAnswerOf(UUID sessionId, UUID questionId) {
        return sessionOperations.findFirstBySessionIdAndTypeAndMessageIdAndParentOperationIdIsNull(
                sessionId, OperationType.MODEL_ANSWER, questionId);
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
