package io.rebound.gateway.session;

import io.rebound.gateway.live.SessionEventStream;
import io.rebound.gateway.operation.Operation;
import io.rebound.gateway.operation.OperationView;
import io.rebound.gateway.operation.OperationViews;
import io.rebound.gateway.operation.UserLimits;
import io.rebound.gateway.security.CurrentUser;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/sessions")
class SessionController {

    static final int MAX_ANSWER_CHARS = 10_000;

    /** Sessions per page of {@code GET /api/v1/sessions}: {@code size} defaults to this and may be 1..max. */
    static final int DEFAULT_PAGE_SIZE = 20;

    static final int MAX_PAGE_SIZE = 100;

    /** Messages {@code GET /api/v1/sessions/{id}} carries: the newest ones; older ones come from /messages. */
    static final int DETAIL_MESSAGES = 200;

    /** Messages per call of {@code GET /api/v1/sessions/{id}/messages}: {@code limit} defaults to this, 1..max. */
    static final int DEFAULT_MESSAGES_LIMIT = 100;

    static final int MAX_MESSAGES_LIMIT = 200;

    private final SessionService sessions;
    private final OperationViews operationViews;
    private final SessionEventStream events;
    private final UserLimits userLimits;

    SessionController(
            SessionService sessions, OperationViews operationViews, SessionEventStream events, UserLimits userLimits) {
        this.sessions = sessions;
        this.operationViews = operationViews;
        this.events = events;
        this.userLimits = userLimits;
    }

    record CreateSession(@NotBlank @Size(max = 200) String role) {}

    record SubmitAnswer(
            @NotBlank @Size(max = MAX_ANSWER_CHARS) String content) {}

    /** @param failedRequestCount requests of the session that failed and were not retried: they are not messages */
    record SessionSummary(UUID id, String role, Instant createdAt, long messageCount, long failedRequestCount) {}

    @Schema(name = "Message")
    record MessageView(
            UUID id,
            String kind,
            String content,
            @Schema(nullable = true) UUID operationId,
            @Schema(nullable = true) UUID replyToMessageId,
            Instant createdAt) {
        static MessageView of(SessionMessage m) {
            return new MessageView(
                    m.getId(),
                    m.getKind().name().toLowerCase(),
                    m.getContent(),
                    m.getOperationId(),
                    m.getReplyToMessageId(),
                    m.getCreatedAt());
        }
    }

    /** A page of sessions, in the shape of the API's other pages ({@code {items, page, size, total}}). */
    record SessionPage(List<SessionSummary> items, int page, int size, long total) {}

    /**
     * A session with its newest messages (oldest first) and their operations; {@code has_older_messages} says that
     * {@code GET /{id}/messages?before=<id of the first message>} has more. {@code answer_max_chars} is the longest
     * answer the gateway takes, so the SPA can count against it instead of repeating the number.
     */
    record SessionDetail(
            UUID id,
            String role,
            Instant createdAt,
            List<MessageView> messages,
            List<OperationView> operations,
            boolean hasOlderMessages,
            int answerMaxChars) {}

    /** Consecutive messages (oldest first), their operations, and whether there are older messages still. */
    record MessagePage(List<MessageView> messages, List<OperationView> operations, boolean hasOlderMessages) {
        static MessagePage of(SessionService.Window window) {
            return new MessagePage(
                    window.messages().stream().map(MessageView::of).toList(), window.operations(), window.hasOlder());
        }
    }

    record AnswerAccepted(MessageView message, OperationView operation) {}

    /** @param questionId the id of the question message to answer */
    record AskModelAnswer(@NotNull UUID questionId) {}

    @PostMapping
    @ApiResponse(responseCode = "201", description = "The new session, empty")
    ResponseEntity<SessionDetail> create(
            @Valid @RequestBody CreateSession body, @AuthenticationPrincipal CurrentUser user) {
        InterviewSession session = sessions.create(user, body.role());
        return ResponseEntity.created(URI.create("/api/v1/sessions/" + session.getId()))
                .body(new SessionDetail(
                        session.getId(),
                        session.getRole(),
                        session.getCreatedAt(),
                        List.of(),
                        List.of(),
                        false,
                        MAX_ANSWER_CHARS));
    }

    /** The user's sessions, newest first, {@code size} (1..100, default 20) per page from page 0. */
    @GetMapping
    SessionPage list(
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size,
            @AuthenticationPrincipal CurrentUser user) {
        if (page < 0) {
            throw new InvalidParameterException("'page' must be 0 or more.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidParameterException("'size' must be 1.." + MAX_PAGE_SIZE + ".");
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new InvalidParameterException("'page' is too large: page * size must be below 2^31.");
        }
        Page<InterviewSession> found = sessions.list(user, page, size);
        Map<UUID, Long> counts = sessions.messageCounts(found.getContent());
        Map<UUID, Long> failed = sessions.failedRequestCounts(found.getContent());
        List<SessionSummary> items = found.getContent().stream()
                .map(s -> new SessionSummary(
                        s.getId(),
                        s.getRole(),
                        s.getCreatedAt(),
                        counts.getOrDefault(s.getId(), 0L),
                        failed.getOrDefault(s.getId(), 0L)))
                .toList();
        return new SessionPage(items, page, size, found.getTotalElements());
    }

    @GetMapping("/{id}")
    SessionDetail get(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        InterviewSession session = sessions.get(user, id);
        SessionService.Window newest = sessions.newest(session, DETAIL_MESSAGES);
        return new SessionDetail(
                session.getId(),
                session.getRole(),
                session.getCreatedAt(),
                newest.messages().stream().map(MessageView::of).toList(),
                newest.operations(),
                newest.hasOlder(),
                MAX_ANSWER_CHARS);
    }

    /**
     * Up to {@code limit} (1..200, default 100) messages just before message {@code before}, or the newest ones
     * without it, with their operations: how clients page back through a long conversation.
     */
    @GetMapping("/{id}/messages")
    MessagePage messages(
            @PathVariable UUID id,
            @RequestParam(required = false) UUID before,
            @RequestParam(defaultValue = "" + DEFAULT_MESSAGES_LIMIT) int limit,
            @AuthenticationPrincipal CurrentUser user) {
        if (limit < 1 || limit > MAX_MESSAGES_LIMIT) {
            throw new InvalidParameterException("'limit' must be 1.." + MAX_MESSAGES_LIMIT + ".");
        }
        InterviewSession session = sessions.get(user, id);
        return MessagePage.of(
                before == null ? sessions.newest(session, limit) : sessions.before(session, before, limit));
    }

    @PostMapping("/{id}/questions")
    @ApiResponse(responseCode = "202", description = "The question_generation operation, pending")
    ResponseEntity<OperationView> askQuestion(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        OperationView operation = operationViews.of(userLimits.inTurn(user.id(), () -> sessions.askQuestion(user, id)));
        return accepted(operation.id()).body(operation);
    }

    @PostMapping("/{id}/answers")
    @ApiResponse(responseCode = "202", description = "The answer and its feedback_analysis operation, pending")
    ResponseEntity<AnswerAccepted> answer(
            @PathVariable UUID id, @Valid @RequestBody SubmitAnswer body, @AuthenticationPrincipal CurrentUser user) {
        SessionService.Answered answered =
                userLimits.inTurn(user.id(), () -> sessions.answer(user, id, body.content()));
        OperationView operation = operationViews.of(answered.operation());
        return accepted(operation.id()).body(new AnswerAccepted(MessageView.of(answered.message()), operation));
    }

    /**
     * Asks the AI for an exemplary answer to one of the session's questions; it arrives as a {@code model_answer}
     * message replying to that question. One per question: asking again answers 409 with the first one's id.
     */
    @PostMapping("/{id}/model-answers")
    @ApiResponse(responseCode = "202", description = "The model_answer operation, pending")
    ResponseEntity<OperationView> askModelAnswer(
            @PathVariable UUID id, @Valid @RequestBody AskModelAnswer body, @AuthenticationPrincipal CurrentUser user) {
        Operation asked;
        try {
            asked = userLimits.inTurn(user.id(), () -> sessions.askModelAnswer(user, id, body.questionId()));
        } catch (DataIntegrityViolationException raced) {
            // Another gateway stored the same first request a moment earlier (the database allows one per question).
            Operation existing = sessions.modelAnswerOf(id, body.questionId()).orElseThrow(() -> raced);
            throw new ModelAnswerExistsException(body.questionId(), existing.getId());
        }
        OperationView operation = operationViews.of(asked);
        return accepted(operation.id()).body(operation);
    }

    /** Live status of the session's operations; {@code Last-Event-ID} resumes where a dropped stream stopped. */
    @GetMapping(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(
            @PathVariable UUID id,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
            @AuthenticationPrincipal CurrentUser user) {
        sessions.get(user, id);
        return events.subscribe(id, user.email(), parseEventId(lastEventId));
    }

    private static Long parseEventId(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ResponseEntity.BodyBuilder accepted(UUID operationId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/operations/" + operationId));
    }
}
